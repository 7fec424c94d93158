#pragma once

#include "core/common/NodeSettings.h"

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace lightbox {

/// The "Local node" page of the settings dialog: what the listener answers as (AE title, port), how many
/// associations it serves at once, where studies are stored, and whom it accepts (strict called-AE check,
/// calling-AE whitelist). Every field is checked as it is typed; a reason appears under the field.
class NodeSettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit NodeSettingsPage(QWidget *parent = nullptr);

    /// Fills the fields. Fields the page does not show (e.g. the free-space reserve) are kept as given.
    void setSettings(const NodeSettings &settings);
    /// The settings as typed; meaningful only when isValid().
    NodeSettings settings() const;
    /// True when every field holds an acceptable value.
    bool isValid() const { return m_valid; }

Q_SIGNALS:
    /// A field changed (its validity may have changed too).
    void changed();

private:
    void revalidate();
    void updateFreeSpace();
    void chooseStorageFolder();
    void addWhitelistRow();
    void removeWhitelistRows();

    NodeSettings m_base;
    bool m_valid = false;
    bool m_filling = false;

    QLineEdit *m_aeTitle = nullptr;
    QLabel *m_aeTitleError = nullptr;
    QLineEdit *m_port = nullptr;
    QLabel *m_portError = nullptr;
    QSpinBox *m_poolSize = nullptr;
    QLineEdit *m_storage = nullptr;
    QLabel *m_storageNote = nullptr;
    QCheckBox *m_strictCalledAe = nullptr;
    QGroupBox *m_whitelistBox = nullptr;
    QTableWidget *m_whitelist = nullptr;
    QLabel *m_whitelistError = nullptr;
};

} // namespace lightbox

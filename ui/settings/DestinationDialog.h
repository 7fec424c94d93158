#pragma once

#include "core/common/Destination.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lightbox {

class HostCheck;

/// Adds or edits one DICOM destination: name, AE title, host, port, roles and retrieve method. Each field is
/// checked as it is typed (unique name, AE title rules, port 1-65535, host resolvable) and OK stays disabled
/// until all are right, so the technician sees every problem before saving.
class DestinationDialog : public QDialog
{
    Q_OBJECT

public:
    /// @param others the destinations already in the table (without the one edited), for the unique name.
    DestinationDialog(const Destination &initial, const QList<Destination> &others, QWidget *parent = nullptr);

    /// The destination as typed; meaningful when isValid().
    Destination destination() const;
    /// True when every field is valid and the host was found.
    bool isValid() const { return m_valid; }
    QPushButton *okButton() const { return m_ok; }

private:
    void revalidate();

    Destination m_initial;
    QList<Destination> m_others;
    HostCheck *m_hostCheck = nullptr;
    bool m_valid = false;

    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QLineEdit *m_aeTitle = nullptr;
    QLabel *m_aeTitleError = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_hostMessage = nullptr;
    QLineEdit *m_port = nullptr;
    QLabel *m_portError = nullptr;
    QCheckBox *m_send = nullptr;
    QCheckBox *m_queryRetrieve = nullptr;
    QCheckBox *m_sync = nullptr;
    QLabel *m_rolesError = nullptr;
    QComboBox *m_retrieve = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace lightbox

#pragma once

#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QSettings;
class QTabWidget;

namespace lightbox {

class DestinationsPage;
class NodeSettingsPage;

/// The settings a technician uses to wire Lightbox into a department: the local node (what the listener answers
/// as and whom it accepts) and the destinations (with echo tests). OK and Apply stay disabled while a field is
/// wrong. Applying restarts the listener through the node applier (without dropping associations in flight) and
/// then saves both pages to the settings file shared with headless mode.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /// Restarts the listener with new settings. @return false with the reason in plain words.
    using NodeApplier = std::function<bool(const NodeSettings &settings, QString *error)>;

    /// @param node the settings the listener runs with now (shown first).
    /// @param destinations the destinations table.
    /// @param file the settings file both pages are saved to.
    SettingsDialog(const NodeSettings &node, const QList<Destination> &destinations, QSettings &file,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Without an applier, node settings are only saved (they apply at the next start).
    void setNodeApplier(NodeApplier applier) { m_applier = std::move(applier); }

    /// Checks both pages, restarts the listener if its settings changed, and saves everything.
    /// @return false (and the reason shown in the dialog) when a field is wrong or the listener cannot restart.
    bool apply();

    NodeSettingsPage *nodePage() const { return m_nodePage; }
    DestinationsPage *destinationsPage() const { return m_destinationsPage; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *okButton() const { return m_ok; }
    QPushButton *applyButton() const { return m_apply; }
    /// The line under the pages that says what the last Apply did.
    QLabel *statusLabel() const { return m_status; }

    void accept() override;

Q_SIGNALS:
    /// The destinations table was saved to the settings file.
    void destinationsSaved(const QList<lightbox::Destination> &destinations);
    /// The node settings were saved (and the listener restarted with them if an applier is set).
    void nodeSettingsSaved(const lightbox::NodeSettings &settings);

private:
    void updateButtons();

    QSettings &m_file;
    NodeSettings m_applied;
    QList<Destination> m_savedDestinations; ///< As last saved: whose secrets to forget when they are removed.
    NodeApplier m_applier;
    QTabWidget *m_tabs = nullptr;
    NodeSettingsPage *m_nodePage = nullptr;
    DestinationsPage *m_destinationsPage = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace lightbox

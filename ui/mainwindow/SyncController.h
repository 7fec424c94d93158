#pragma once

#include <QFuture>
#include <QObject>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;
class QMenu;
class QWidget;

namespace lightbox {

class ActivityPanel;
class StudyBrowser;
class Workstation;
struct SyncOverview;

/// The window's side of sync (core/sync SyncService): "Sync Now" for the selected studies, "Sync All" and "Retry
/// Failed" (in the Sync menu, the browser's context menu and the status label's menu), the status bar label with the
/// totals or the reason the sync waits, and the browser's Sync column shown while a destination has the Sync role.
/// Each command says what it did in the status bar and the activity panel ("Queued 500 images for sync").
class SyncController : public QObject
{
    Q_OBJECT
public:
    /// @param window parent of the menus and the status label.
    SyncController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity, QWidget *window);
    ~SyncController() override;

    /// Follows the workstation's sync service: call after Workstation::start().
    void attach();

    /// "Sync ▸": Sync Now, Sync All, Retry Failed.
    QMenu *menu() const { return m_menu; }
    QAction *syncNowAction() const { return m_syncNow; }
    QAction *syncAllAction() const { return m_syncAll; }
    QAction *retryFailedAction() const { return m_retryFailed; }
    /// The status bar label ("Sync: 12 queued · 488 sent · 0 failed"); a click opens statusMenu().
    QLabel *statusLabel() const { return m_label; }
    /// Sync All, Retry Failed, Settings… (what a click on the status label offers).
    QMenu *statusMenu() const { return m_statusMenu; }

    /// The status label's whole line (it may be elided on screen); empty while it is hidden (no sync destination).
    QString statusLine() const { return m_line; }

    /// Enables the commands for the browser's selection and the sync destinations there are.
    void updateActions();
    /// The status label's text as a line ("Sync: 12 queued · 488 sent · 0 failed"), empty when it is hidden.
    static QString statusText(const SyncOverview &overview);

Q_SIGNALS:
    /// A command finished: @p line says what it did.
    void message(const QString &line);
    /// "Settings…" in the status label's menu: open the destinations.
    void settingsRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateStatus();
    bool hasTargets() const;
    void run(const QFuture<int> &future, const std::function<QString(int)> &describe);

    Workstation &m_workstation;
    StudyBrowser *m_browser;
    ActivityPanel *m_activity;
    QWidget *m_window;
    QMenu *m_menu = nullptr;
    QMenu *m_statusMenu = nullptr;
    QAction *m_syncNow = nullptr;
    QAction *m_syncAll = nullptr;
    QAction *m_retryFailed = nullptr;
    QAction *m_settings = nullptr;
    QLabel *m_label = nullptr;
    QTimer m_throttle; ///< The worker reports after every batch: the label follows at most every 250 ms.
    QString m_line;
    qint64 m_failed = 0;
    bool m_attached = false;
};

} // namespace lightbox

#pragma once

#include "core/net/AssociationInfo.h"

#include <QWidget>

class QFutureWatcherBase;
class QListWidget;
class QTabWidget;
class QTreeWidget;
class QVBoxLayout;
class QLabel;

namespace lightbox {

/// What Lightbox is doing and has done: recent associations (who sent what, how long, with which result),
/// errors and warnings in plain words, and long jobs (import, export, delete) with progress and cancel.
class ActivityPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { AssociationsTab, JobsTab, MessagesTab };

    explicit ActivityPanel(QWidget *parent = nullptr);

    /// Adds a finished association to the top of the list (keeps the last 500).
    void addAssociation(const lightbox::AssociationSummary &summary);
    /// Adds a message (warning or error) for the technician.
    void addMessage(QtMsgType type, const QString &text);
    /// Shows a job: progress from @p watcher's future, a Cancel button that cancels it, and @p finishedText()
    /// when it ends. The panel does not own @p watcher.
    void trackJob(const QString &title, QFutureWatcherBase *watcher);
    /// Sets the summary line of the job tracked with @p watcher (e.g. "412 imported, 3 skipped").
    void setJobResult(QFutureWatcherBase *watcher, const QString &result, bool failed = false);
    void showTab(Tab tab);
    int associationCount() const;
    int runningJobs() const { return m_running; }

Q_SIGNALS:
    /// Number of warnings/errors not yet seen, for the status bar.
    void unseenMessagesChanged(int count);
    void runningJobsChanged(int count);

private:
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_associations = nullptr;
    QWidget *m_jobs = nullptr;
    QVBoxLayout *m_jobsLayout = nullptr;
    QLabel *m_noJobs = nullptr;
    QTreeWidget *m_messages = nullptr;
    int m_unseen = 0;
    int m_running = 0;
};

} // namespace lightbox

#pragma once

#include "core/common/Destination.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace lightbox {

class ActivityPanel;
class StudyBrowser;
class Workstation;

/// The browser's outbound commands: "Send to ▸ destination" for studies and series (C-STORE of the stored files,
/// looked up in the index off the GUI thread) and "Retrieve" of remote studies and series (C-MOVE or C-GET, as
/// the destination says). Each runs as a job in the activity panel with progress and Cancel; the outcome is one
/// line ("Sent 120 of 120 images to PACS in 3.2 s") and a message per instance that failed.
class OutboundController : public QObject
{
    Q_OBJECT
public:
    /// @param window parent of the menus and of the question asked before a retrieve.
    OutboundController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity, QWidget *window);
    /// Cancels the jobs still running (what was done stays done) and waits for them.
    ~OutboundController() override;
    /// Cancels the jobs still running and waits until they stopped (before the service stops).
    void cancelAll();

    /// The destinations table; the "Send to" menus list those with the send role.
    void setDestinations(const QList<Destination> &destinations);
    QList<Destination> destinations() const { return m_destinations; }

    /// Sends the stored instances of @p studyUids to the destination called @p destinationName.
    void sendStudies(const QStringList &studyUids, const QString &destinationName);
    /// Sends the stored instances of @p seriesUids to the destination called @p destinationName.
    void sendSeries(const QStringList &seriesUids, const QString &destinationName);
    /// Retrieves whole studies from the browser's remote source.
    void retrieveStudies(const QStringList &studyUids);
    /// Retrieves series of @p studyUid from the browser's remote source.
    void retrieveSeries(const QString &studyUid, const QStringList &seriesUids);
    /// Asks whether to retrieve @p studyUids (they are not stored here yet), then does.
    void offerRetrieve(const QStringList &studyUids);

    /// "Send to ▸" for the selected studies.
    QMenu *sendMenu() const { return m_sendMenu; }
    /// "Send Series to ▸" for the series selected in the series panel.
    QMenu *sendSeriesMenu() const { return m_sendSeriesMenu; }
    /// Retrieves the selected remote studies.
    QAction *retrieveAction() const { return m_retrieveAction; }
    /// Retrieves the series selected in the remote series list.
    QAction *retrieveSeriesAction() const { return m_retrieveSeriesAction; }
    /// Enables the commands for the browser's selection.
    void updateActions();

Q_SIGNALS:
    /// A send or retrieve finished; @p summary is its line.
    void jobFinished(const QString &summary);
    /// A job started: the activity panel should be shown.
    void jobStarted();

private:
    void rebuildMenu(QMenu *menu, bool series);
    void send(const Destination &destination, const QString &title, const QStringList &studyUids,
              const QStringList &seriesUids);
    void retrieve(const QStringList &studyUids, const QStringList &seriesUids, const QString &what);

    Workstation &m_workstation;
    StudyBrowser *m_browser;
    ActivityPanel *m_activity;
    QWidget *m_window;
    QList<Destination> m_destinations;
    QMenu *m_sendMenu = nullptr;
    QMenu *m_sendSeriesMenu = nullptr;
    QAction *m_retrieveAction = nullptr;
    QAction *m_retrieveSeriesAction = nullptr;
    /// Sends and retrieves wait on the network for minutes: their own threads, not the global pool's.
    QThreadPool m_pool;
    QList<std::function<void()>> m_cancels; ///< Cancel of each job started (a no-op once it finished).
};

} // namespace lightbox

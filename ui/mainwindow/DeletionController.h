#pragma once

#include <QFuture>
#include <QObject>
#include <QStringList>

class QWidget;

namespace lightbox {

class ActivityPanel;
class StudyBrowser;
class Workstation;
struct DeleteResult;

/// Deleting studies and series from the main window: the confirmation (who, how many images), the deletion as a job
/// in the activity panel (Workstation::deleteStudies/deleteSeries run off the GUI thread), and the result line.
class DeletionController : public QObject
{
    Q_OBJECT

public:
    /// @param dialogParent the window the confirmations belong to.
    DeletionController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity, QWidget *dialogParent);

    /// Asks, then deletes the studies selected in the browser.
    void confirmDeleteStudies();
    /// Asks, then deletes the series selected in the series list.
    void confirmDeleteSeries();
    /// Deletes without asking: the confirmation is the caller's.
    void deleteStudies(const QStringList &studyUids);
    void deleteSeries(const QStringList &seriesUids);

    /// "Deleted 12 images (12 files)."
    static QString deletedText(const DeleteResult &result);

Q_SIGNALS:
    /// A deletion ended; @p line is its result for the user.
    void jobFinished(const QString &line);

private:
    void track(const QString &title, const QFuture<DeleteResult> &future);

    Workstation &m_workstation;
    StudyBrowser *m_browser;
    ActivityPanel *m_activity;
    QWidget *m_dialogParent;
};

} // namespace lightbox

#pragma once

#include <QObject>
#include <QStringList>

class QSettings;
class QWidget;

namespace lightbox {

class ActivityPanel;
class Workstation;

/// Import and export as jobs of the main window: the file dialogs (remembering the last folders), the Importer or
/// Exporter run off the GUI thread, progress and Cancel in the activity panel, and the result line.
class TransferController : public QObject
{
    Q_OBJECT

public:
    /// @param dialogParent the window the file dialogs and warnings belong to.
    TransferController(Workstation &workstation, ActivityPanel *activity, QSettings &settings, QWidget *dialogParent);

    /// Asks for files (DICOM, DICOMDIR, zip) or a folder, then imports them.
    void chooseImportFiles();
    void chooseImportFolder();
    /// Imports files, folders, DICOMDIRs or zip archives through the ingest path.
    void importPaths(const QStringList &paths);
    /// Asks for a folder, then exports @p studyUids there (anonymized if asked).
    void chooseExport(const QStringList &studyUids, bool anonymize);
    /// Exports @p studyUids into @p folder with a DICOMDIR.
    void exportStudies(const QStringList &studyUids, const QString &folder, bool anonymize);

Q_SIGNALS:
    /// A job was added to the activity panel.
    void jobStarted();
    /// A job ended; @p line is its result for the user.
    void jobFinished(const QString &line);

private:
    Workstation &m_workstation;
    ActivityPanel *m_activity;
    QSettings &m_settings;
    QWidget *m_dialogParent;
};

} // namespace lightbox

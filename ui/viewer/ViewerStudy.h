#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace lightbox {

class IndexReader;

/// One series as the viewer lists it: what the thumbnail strip shows and the files a viewport loads.
struct ViewerSeries
{
    QString seriesInstanceUid;
    QString studyInstanceUid;
    QString seriesNumber;
    QString description;
    QString modality;
    QStringList files; ///< Absolute paths, by instance number (the loader sorts them by position).
    QStringList sopInstanceUids; ///< Parallel to files.
};

/// A study opened in the viewer: its patient and series. Built from the index (a stored study) or from files on
/// a disc or USB stick (`lightbox --view`), so the viewer does not care where the images are.
struct ViewerStudy
{
    QString studyInstanceUid;
    QString patientName;
    QString patientId;
    QString patientBirthDate;
    QString studyDate;
    QString studyDescription;
    QList<ViewerSeries> series;
    bool fromIndex = false; ///< False for files opened with --view (they can be imported).

    /// The series with @p uid, or nullptr.
    const ViewerSeries *findSeries(const QString &uid) const;
    int imageCount() const;
};

namespace viewerstudy {

/// The study @p studyUid as the index has it; paths are made absolute with @p filesDir.
/// @return an empty study (no series) when it is not in the index.
ViewerStudy fromIndex(IndexReader &reader, const QString &studyUid, const QString &filesDir);

/// The studies in @p paths (files, folders walked recursively, DICOMDIRs): every readable DICOM instance with
/// pixel-bearing SOP classes, grouped by study and series. @p skipped receives files that are not DICOM.
QList<ViewerStudy> fromPaths(const QStringList &paths, QStringList *skipped = nullptr);

} // namespace viewerstudy
} // namespace lightbox

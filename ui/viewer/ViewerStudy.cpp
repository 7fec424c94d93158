#include "ui/viewer/ViewerStudy.h"

#include "core/dicom/DicomFileReader.h"
#include "core/index/IndexReader.h"
#include "core/transfer/DicomDirReader.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QtConcurrent>

#include <algorithm>

namespace lightbox {

const ViewerSeries *ViewerStudy::findSeries(const QString &uid) const
{
    for (const ViewerSeries &s : series)
        if (s.seriesInstanceUid == uid)
            return &s;
    return nullptr;
}

int ViewerStudy::imageCount() const
{
    int n = 0;
    for (const ViewerSeries &s : series)
        n += static_cast<int>(s.files.size());
    return n;
}

namespace viewerstudy {

ViewerStudy fromIndex(IndexReader &reader, const QString &studyUid, const QString &filesDir)
{
    ViewerStudy study;
    StudyQuery q;
    q.studyInstanceUid = studyUid;
    const QList<StudyRow> rows = reader.findStudies(q);
    if (rows.isEmpty())
        return study;
    const StudyRow &row = rows.first();
    study.studyInstanceUid = studyUid;
    study.patientName = row.patientName;
    study.patientId = row.patientId;
    study.patientBirthDate = row.patientBirthDate;
    study.studyDate = row.studyDate;
    study.studyDescription = row.studyDescription;
    study.fromIndex = true;
    const QDir dir(filesDir);
    QHash<QString, int> bySeries;
    for (const SeriesRow &s : reader.seriesOf(studyUid)) {
        bySeries.insert(s.seriesInstanceUid, static_cast<int>(study.series.size()));
        study.series.append({s.seriesInstanceUid, studyUid, s.seriesNumber, s.description, s.modality, {}, {}});
    }
    for (const InstanceFile &f : reader.filesOfStudy(studyUid)) {
        const int i = bySeries.value(f.seriesInstanceUid, -1);
        if (i < 0)
            continue;
        study.series[i].files << dir.filePath(f.filePath);
        study.series[i].sopInstanceUids << f.sopInstanceUid;
    }
    return study;
}

namespace {

void collectFiles(const QString &path, QStringList &files)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        return;
    }
    if (info.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0) {
        QString error;
        bool ok = false;
        const auto refs = DicomDirReader::read(path, &error, &ok);
        if (ok) {
            for (const DicomDirReader::Reference &r : refs)
                if (!r.path.isEmpty())
                    files << r.path;
            return;
        }
    }
    files << path;
}

int number(const QString &s)
{
    bool ok = false;
    const int n = s.trimmed().toInt(&ok);
    return ok ? n : std::numeric_limits<int>::max();
}

} // namespace

QList<ViewerStudy> fromPaths(const QStringList &paths, QStringList *skipped)
{
    QStringList files;
    for (const QString &p : paths)
        collectFiles(p, files);
    files.removeDuplicates();

    struct Entry
    {
        QString path;
        InstanceMetadata meta;
    };
    // Headers in parallel: a 500-image CD is read in half the time on two cores.
    struct Read
    {
        QString path;
        std::optional<InstanceMetadata> meta;
    };
    QStringList candidates;
    for (const QString &file : std::as_const(files))
        if (QFileInfo(file).fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) != 0)
            candidates << file;
    const QList<Read> reads = QtConcurrent::blockingMapped<QList<Read>>(candidates, [](const QString &file) {
        if (!DicomFileReader::looksLikeDicom(file))
            return Read {file, std::nullopt};
        QString error;
        return Read {file, DicomFileReader::readMetadata(file, &error)};
    });
    QList<ViewerStudy> studies;
    QHash<QString, int> studyIndex;
    QHash<QString, QList<Entry>> entriesBySeries;
    for (const Read &read : reads) {
        const QString &file = read.path;
        auto meta = read.meta;
        if (!meta || meta->rows <= 0) {
            if (skipped)
                *skipped << file;
            continue;
        }
        // Files from a CD are not always complete: an image without series or study UID still opens, alone.
        if (meta->seriesInstanceUid.isEmpty())
            meta->seriesInstanceUid = QStringLiteral("file:") + file;
        if (meta->studyInstanceUid.isEmpty())
            meta->studyInstanceUid = QStringLiteral("no-study-uid");
        if (meta->seriesDescription.isEmpty() && meta->seriesInstanceUid.startsWith(QLatin1String("file:")))
            meta->seriesDescription = QFileInfo(file).fileName();
        if (!studyIndex.contains(meta->studyInstanceUid)) {
            ViewerStudy s;
            s.studyInstanceUid = meta->studyInstanceUid;
            s.patientName = meta->patientName;
            s.patientId = meta->patientId;
            s.patientBirthDate = meta->patientBirthDate;
            s.studyDate = meta->studyDate;
            s.studyDescription = meta->studyDescription;
            studyIndex.insert(meta->studyInstanceUid, static_cast<int>(studies.size()));
            studies.append(s);
        }
        ViewerStudy &study = studies[studyIndex.value(meta->studyInstanceUid)];
        if (!study.findSeries(meta->seriesInstanceUid))
            study.series.append({meta->seriesInstanceUid,
                                 meta->studyInstanceUid,
                                 meta->seriesNumber,
                                 meta->seriesDescription,
                                 meta->modality,
                                 {},
                                 {}});
        entriesBySeries[meta->seriesInstanceUid].append({file, *meta});
    }
    for (ViewerStudy &study : studies) {
        for (ViewerSeries &series : study.series) {
            QList<Entry> entries = entriesBySeries.value(series.seriesInstanceUid);
            std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
                return number(a.meta.instanceNumber) < number(b.meta.instanceNumber);
            });
            for (const Entry &e : entries) {
                series.files << e.path;
                series.sopInstanceUids << e.meta.sopInstanceUid;
            }
        }
        std::stable_sort(study.series.begin(), study.series.end(), [](const ViewerSeries &a, const ViewerSeries &b) {
            return number(a.seriesNumber) < number(b.seriesNumber);
        });
    }
    return studies;
}

} // namespace viewerstudy
} // namespace lightbox

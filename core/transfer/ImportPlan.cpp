#include "core/transfer/ImportPlan.h"

#include "core/transfer/DicomDirReader.h"
#include "core/transfer/DicomFileProbe.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

namespace lightbox {
namespace {

bool isDicomDirName(const QFileInfo &info)
{
    return info.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0;
}

} // namespace

ImportPlan ImportPlan::collect(const QStringList &paths, const std::function<bool()> &isCancelled)
{
    ImportPlan plan;
    for (const QString &path : paths) {
        if (isCancelled && isCancelled()) {
            plan.m_cancelled = true;
            break;
        }
        plan.addPath(path, isCancelled);
        if (plan.m_cancelled)
            break;
    }
    // Each file once, even when a folder and a file in it (or a DICOMDIR beside its folder) were both chosen.
    QSet<QString> seen;
    QList<Item> unique;
    unique.reserve(plan.m_items.size());
    for (const Item &item : std::as_const(plan.m_items)) {
        const QString key = item.archive >= 0 ? item.displayPath : QFileInfo(item.filePath).canonicalFilePath();
        if (!seen.contains(key)) {
            seen.insert(key);
            unique.append(item);
        }
    }
    plan.m_items = std::move(unique);
    return plan;
}

void ImportPlan::skip(const QString &path, const QString &reason)
{
    m_skipped.append(SkippedFile {path, reason});
}

void ImportPlan::addPath(const QString &path, const std::function<bool()> &isCancelled)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        skip(path, QCoreApplication::translate("lightbox::Importer", "does not exist"));
        return;
    }
    if (info.isDir()) {
        QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        int polled = 0;
        while (it.hasNext()) {
            if ((++polled & 63) == 0 && isCancelled && isCancelled()) {
                m_cancelled = true;
                return;
            }
            const QString file = it.next();
            // Inside a folder a DICOMDIR's referenced files are found by the walk itself.
            if (ZipReader::looksLikeZip(file) && file.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
                addArchive(file);
            else
                addFile(file);
        }
        return;
    }
    if (!info.isReadable()) {
        skip(path, QCoreApplication::translate("lightbox::Importer", "cannot be read (permission denied)"));
        return;
    }
    if (ZipReader::looksLikeZip(path)) {
        addArchive(info.absoluteFilePath());
        return;
    }
    if (isDicomDirName(info) || DicomFileProbe::probe(path).kind == DicomFileProbe::Kind::DicomDir) {
        addDicomDir(info.absoluteFilePath());
        return;
    }
    addFile(info.absoluteFilePath());
}

void ImportPlan::addFile(const QString &path)
{
    m_items.append(Item {path, path, -1, -1});
}

void ImportPlan::addArchive(const QString &path)
{
    auto reader = std::make_shared<ZipReader>(path);
    QString error;
    if (!reader->open(&error)) {
        skip(path, error);
        return;
    }
    const int index = static_cast<int>(m_archives.size());
    m_archives.append(reader);
    const QList<ZipReader::Entry> &entries = reader->entries();
    for (qsizetype i = 0; i < entries.size(); ++i)
        m_items.append(Item {path + QLatin1Char('/') + entries[i].name, QString(), index, static_cast<int>(i)});
}

void ImportPlan::addDicomDir(const QString &path)
{
    QString error;
    bool ok = false;
    const QList<DicomDirReader::Reference> references = DicomDirReader::read(path, &error, &ok);
    if (!ok) {
        skip(path, error);
        return;
    }
    const QString folder = QFileInfo(path).absolutePath();
    for (const DicomDirReader::Reference &reference : references) {
        if (reference.path.isEmpty())
            skip(folder + QLatin1Char('/') + reference.fileId,
                 QCoreApplication::translate("lightbox::Importer",
                                             "listed in the DICOMDIR but missing from the medium"));
        else
            addFile(reference.path);
    }
}

} // namespace lightbox

#include "core/transfer/DicomDirReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

namespace lightbox {

QString DicomDirReader::resolve(const QString &folder, const QString &relative)
{
    QString current = folder;
    const QStringList parts = relative.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts[i];
        if (part == QLatin1String("..") || part == QLatin1String("."))
            return {};
        const bool last = i + 1 == parts.size();
        const QString exact = current + QLatin1Char('/') + part;
        const QFileInfo exactInfo(exact);
        if (exactInfo.exists() && (last ? exactInfo.isFile() : exactInfo.isDir())) {
            current = exact;
            continue;
        }
        QString match;
        const QDir dir(current);
        const QStringList names
            = dir.entryList((last ? QDir::Files : QDir::Dirs) | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QString &name : names) {
            // Some writers add the ISO 9660 version suffix ";1" to the names on the disc.
            QString bare = name;
            if (bare.endsWith(QLatin1String(";1")))
                bare.chop(2);
            if (bare.compare(part, Qt::CaseInsensitive) == 0
                || (bare.endsWith(QLatin1Char('.')) && bare.chopped(1).compare(part, Qt::CaseInsensitive) == 0)) {
                match = name;
                break;
            }
        }
        if (match.isEmpty())
            return {};
        current = current + QLatin1Char('/') + match;
    }
    return parts.isEmpty() ? QString() : current;
}

QList<DicomDirReader::Reference> DicomDirReader::read(const QString &dicomDirPath, QString *error, bool *ok)
{
    QList<Reference> references;
    *ok = false;
    DcmFileFormat file;
    const OFCondition cond = file.loadFile(OFFilename(QFile::encodeName(dicomDirPath).constData()));
    if (cond.bad()) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Importer", "cannot read the DICOMDIR (%1)")
                         .arg(QString::fromLatin1(cond.text()));
        return references;
    }
    DcmSequenceOfItems *records = nullptr;
    if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Importer", "the DICOMDIR lists no records");
        return references;
    }
    const QString folder = QFileInfo(dicomDirPath).absolutePath();
    QSet<QString> seen;
    // The records are one flat sequence; the hierarchy is only offsets between them, so every record is here.
    for (unsigned long i = 0; i < records->card(); ++i) {
        DcmItem *record = records->getItem(i);
        OFString value;
        if (!record || record->findAndGetOFStringArray(DCM_ReferencedFileID, value).bad() || value.empty())
            continue;
        QString fileId = QString::fromLatin1(value.c_str()).trimmed();
        fileId.replace(QLatin1Char('\\'), QLatin1Char('/'));
        QStringList parts = fileId.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (QString &part : parts)
            part = part.trimmed();
        fileId = parts.join(QLatin1Char('/'));
        if (fileId.isEmpty() || seen.contains(fileId.toUpper()))
            continue;
        seen.insert(fileId.toUpper());
        references.append(Reference {fileId, resolve(folder, fileId)});
    }
    *ok = true;
    return references;
}

} // namespace lightbox

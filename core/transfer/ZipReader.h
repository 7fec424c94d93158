#pragma once

#include <QList>
#include <QString>

class QIODevice;

namespace lightbox {

/// Reads the files of a .zip archive (stored and deflated entries, Zip64 sizes), without unpacking it all:
/// the central directory is read once, each entry is inflated on demand into a device of the caller.
/// Encrypted entries and other compression methods are listed but cannot be extracted.
class ZipReader
{
public:
    /// One file in the archive (folders are not listed).
    struct Entry
    {
        QString name; ///< Path inside the archive, '/'-separated.
        quint64 compressedSize = 0;
        quint64 size = 0;
        quint64 localHeaderOffset = 0;
        quint32 crc32 = 0;
        quint16 method = 0; ///< 0 stored, 8 deflated.
        bool encrypted = false;
    };

    /// @param path the archive.
    explicit ZipReader(QString path);

    /// Reads the central directory. @return false with @p error in plain words if this is not a readable zip.
    bool open(QString *error = nullptr);
    /// The files of the archive, in central directory order (after open()).
    const QList<Entry> &entries() const { return m_entries; }

    /// Writes the uncompressed bytes of @p entry to @p out and checks their CRC-32. Thread-safe: each call reads
    /// the archive through its own file handle. @return false with @p error in plain words.
    bool extract(const Entry &entry, QIODevice &out, QString *error = nullptr) const;

    /// True when the file at @p path starts like a zip archive ("PK\3\4" or an empty archive's "PK\5\6").
    static bool looksLikeZip(const QString &path);

private:
    QString m_path;
    QList<Entry> m_entries;
};

} // namespace lightbox

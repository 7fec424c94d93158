#include "core/transfer/ZipReader.h"

#include <QCoreApplication>
#include <QFile>

#include <zlib.h>

namespace lightbox {
namespace {

constexpr quint32 kLocalHeader = 0x04034b50;
constexpr quint32 kCentralHeader = 0x02014b50;
constexpr quint32 kEndOfCentralDir = 0x06054b50;
constexpr quint32 kZip64EndLocator = 0x07064b50;
constexpr quint32 kZip64EndOfCentralDir = 0x06064b50;
constexpr qint64 kEndRecordSize = 22;
constexpr qint64 kMaxCommentSize = 0xFFFF;

quint16 le16(const char *p)
{
    return static_cast<quint16>(static_cast<uchar>(p[0]) | (static_cast<uchar>(p[1]) << 8));
}

quint32 le32(const char *p)
{
    return static_cast<quint32>(le16(p)) | (static_cast<quint32>(le16(p + 2)) << 16);
}

quint64 le64(const char *p)
{
    return static_cast<quint64>(le32(p)) | (static_cast<quint64>(le32(p + 4)) << 32);
}

/// Replaces 0xFFFFFFFF sizes and offsets by the values of the Zip64 extra field, in the order the format gives.
void applyZip64Extra(const QByteArray &extra, quint32 size32, quint32 compressed32, quint32 offset32,
                     ZipReader::Entry &entry)
{
    qsizetype pos = 0;
    while (pos + 4 <= extra.size()) {
        const quint16 id = le16(extra.constData() + pos);
        const quint16 length = le16(extra.constData() + pos + 2);
        const qsizetype end = pos + 4 + length;
        if (end > extra.size())
            return;
        if (id == 0x0001) {
            qsizetype field = pos + 4;
            auto next = [&](quint64 &value) {
                if (field + 8 <= end) {
                    value = le64(extra.constData() + field);
                    field += 8;
                }
            };
            if (size32 == 0xFFFFFFFFu)
                next(entry.size);
            if (compressed32 == 0xFFFFFFFFu)
                next(entry.compressedSize);
            if (offset32 == 0xFFFFFFFFu)
                next(entry.localHeaderOffset);
            return;
        }
        pos = end;
    }
}

} // namespace

ZipReader::ZipReader(QString path)
    : m_path(std::move(path))
{
}

bool ZipReader::looksLikeZip(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4);
    return head == QByteArrayLiteral("PK\x03\x04") || head == QByteArrayLiteral("PK\x05\x06");
}

bool ZipReader::open(QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        m_entries.clear();
        return false;
    };
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QCoreApplication::translate("lightbox::ZipReader", "cannot open the archive (%1)").arg(file.errorString()));
    const qint64 fileSize = file.size();
    const qint64 tailSize = std::min(fileSize, kEndRecordSize + kMaxCommentSize);
    if (tailSize < kEndRecordSize || !file.seek(fileSize - tailSize))
        return fail(QCoreApplication::translate("lightbox::ZipReader", "not a zip archive"));
    const QByteArray tail = file.read(tailSize);
    qsizetype end = -1;
    for (qsizetype i = tail.size() - kEndRecordSize; i >= 0; --i) {
        if (le32(tail.constData() + i) == kEndOfCentralDir) {
            end = i;
            break;
        }
    }
    if (end < 0)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "not a zip archive (no central directory)"));
    const char *eocd = tail.constData() + end;
    quint64 count = le16(eocd + 10);
    quint64 dirSize = le32(eocd + 12);
    quint64 dirOffset = le32(eocd + 16);

    const qint64 endOffset = fileSize - tailSize + end;
    if (endOffset >= 20 && (count == 0xFFFF || dirSize == 0xFFFFFFFFu || dirOffset == 0xFFFFFFFFu)) {
        file.seek(endOffset - 20);
        const QByteArray locator = file.read(20);
        if (locator.size() == 20 && le32(locator.constData()) == kZip64EndLocator) {
            file.seek(static_cast<qint64>(le64(locator.constData() + 8)));
            const QByteArray record = file.read(56);
            if (record.size() < 56 || le32(record.constData()) != kZip64EndOfCentralDir)
                return fail(
                    QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (Zip64 directory)"));
            count = le64(record.constData() + 32);
            dirSize = le64(record.constData() + 40);
            dirOffset = le64(record.constData() + 48);
        }
    }
    if (dirOffset + dirSize > static_cast<quint64>(fileSize) || dirSize > (quint64(1) << 31))
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (directory out of range)"));
    file.seek(static_cast<qint64>(dirOffset));
    const QByteArray dir = file.read(static_cast<qint64>(dirSize));
    if (static_cast<quint64>(dir.size()) != dirSize)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (short directory)"));

    m_entries.clear();
    qsizetype pos = 0;
    for (quint64 n = 0; n < count; ++n) {
        if (pos + 46 > dir.size() || le32(dir.constData() + pos) != kCentralHeader)
            return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (directory entry %1)")
                            .arg(n + 1));
        const char *h = dir.constData() + pos;
        const quint16 flags = le16(h + 8);
        const quint16 nameLength = le16(h + 28);
        const quint16 extraLength = le16(h + 30);
        const quint16 commentLength = le16(h + 32);
        if (pos + 46 + nameLength + extraLength + commentLength > dir.size())
            return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (directory entry %1)")
                            .arg(n + 1));
        const QByteArray rawName = dir.mid(pos + 46, nameLength);
        Entry entry;
        // Bit 11: the name is UTF-8; otherwise it is code page 437, whose ASCII part Latin-1 reads alike.
        entry.name = (flags & 0x0800) ? QString::fromUtf8(rawName) : QString::fromLatin1(rawName);
        entry.method = le16(h + 10);
        entry.crc32 = le32(h + 16);
        entry.compressedSize = le32(h + 20);
        entry.size = le32(h + 24);
        entry.localHeaderOffset = le32(h + 42);
        entry.encrypted = (flags & 0x0001) != 0;
        applyZip64Extra(dir.mid(pos + 46 + nameLength, extraLength), le32(h + 24), le32(h + 20), le32(h + 42), entry);
        pos += 46 + nameLength + extraLength + commentLength;
        if (!entry.name.endsWith(QLatin1Char('/')))
            m_entries.append(entry);
    }
    return true;
}

bool ZipReader::extract(const Entry &entry, QIODevice &out, QString *error) const
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (entry.encrypted)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "encrypted in the zip archive"));
    if (entry.method != 0 && entry.method != 8)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "packed with an unsupported zip method (%1)")
                        .arg(entry.method));
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QCoreApplication::translate("lightbox::ZipReader", "cannot open the archive (%1)").arg(file.errorString()));
    if (!file.seek(static_cast<qint64>(entry.localHeaderOffset)))
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (entry out of range)"));
    const QByteArray header = file.read(30);
    if (header.size() < 30 || le32(header.constData()) != kLocalHeader)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (entry header)"));
    const qint64 dataStart = static_cast<qint64>(entry.localHeaderOffset) + 30 + le16(header.constData() + 26)
        + le16(header.constData() + 28);
    if (!file.seek(dataStart))
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (entry out of range)"));

    constexpr qint64 kChunk = 256 * 1024;
    quint64 remaining = entry.compressedSize;
    quint64 written = 0;
    uLong crc = crc32(0L, Z_NULL, 0);
    QByteArray input;
    QByteArray output(kChunk, Qt::Uninitialized);
    auto deliver = [&](const char *data, qint64 size) {
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), static_cast<uInt>(size));
        written += static_cast<quint64>(size);
        return out.write(data, size) == size;
    };

    if (entry.method == 0) {
        while (remaining > 0) {
            input = file.read(static_cast<qint64>(std::min<quint64>(remaining, kChunk)));
            if (input.isEmpty())
                return fail(
                    QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (entry cut short)"));
            if (!deliver(input.constData(), input.size()))
                return fail(QCoreApplication::translate("lightbox::ZipReader", "cannot write the unpacked file (%1)")
                                .arg(out.errorString()));
            remaining -= static_cast<quint64>(input.size());
        }
    } else {
        z_stream stream {};
        if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
            return fail(QCoreApplication::translate("lightbox::ZipReader", "cannot start unpacking (zlib)"));
        int status = Z_OK;
        while (status != Z_STREAM_END) {
            if (stream.avail_in == 0) {
                if (remaining == 0)
                    break;
                input = file.read(static_cast<qint64>(std::min<quint64>(remaining, kChunk)));
                if (input.isEmpty())
                    break;
                remaining -= static_cast<quint64>(input.size());
                stream.next_in = reinterpret_cast<Bytef *>(input.data());
                stream.avail_in = static_cast<uInt>(input.size());
            }
            stream.next_out = reinterpret_cast<Bytef *>(output.data());
            stream.avail_out = static_cast<uInt>(output.size());
            status = inflate(&stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END) {
                inflateEnd(&stream);
                return fail(QCoreApplication::translate("lightbox::ZipReader",
                                                        "damaged zip archive (cannot inflate an entry)"));
            }
            const qint64 produced = output.size() - static_cast<qint64>(stream.avail_out);
            if (produced > 0 && !deliver(output.constData(), produced)) {
                inflateEnd(&stream);
                return fail(QCoreApplication::translate("lightbox::ZipReader", "cannot write the unpacked file (%1)")
                                .arg(out.errorString()));
            }
        }
        inflateEnd(&stream);
        if (status != Z_STREAM_END)
            return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (entry cut short)"));
    }
    if (written != entry.size || static_cast<quint32>(crc) != entry.crc32)
        return fail(QCoreApplication::translate("lightbox::ZipReader", "damaged zip archive (checksum mismatch)"));
    return true;
}

} // namespace lightbox

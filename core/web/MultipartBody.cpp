#include "core/web/MultipartBody.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>
#include <cstring>

namespace lightbox {

MultipartBody::MultipartBody(const QByteArray &contentType, QObject *parent)
    : QIODevice(parent)
    , m_contentType(contentType)
    , m_boundary("lightbox-" + QUuid::createUuid().toByteArray(QUuid::Id128))
{
}

MultipartBody::~MultipartBody() = default;

void MultipartBody::appendBytes(const QByteArray &bytes)
{
    Segment s;
    s.offset = m_total;
    s.size = bytes.size();
    s.bytes = bytes;
    m_segments.append(s);
    m_total += s.size;
}

bool MultipartBody::addFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        if (error)
            *error = QCoreApplication::translate("lightbox::DicomWebClient", "cannot read the file %1").arg(path);
        return false;
    }
    appendBytes("--" + m_boundary + "\r\nContent-Type: " + m_contentType + "\r\n\r\n");
    Segment s;
    s.offset = m_total;
    s.size = info.size();
    s.file = path;
    m_segments.append(s);
    m_total += s.size;
    appendBytes(QByteArrayLiteral("\r\n"));
    return true;
}

void MultipartBody::finish()
{
    appendBytes("--" + m_boundary + "--\r\n");
}

QByteArray MultipartBody::contentTypeHeader() const
{
    return "multipart/related; type=\"" + m_contentType + "\"; boundary=" + m_boundary;
}

bool MultipartBody::seek(qint64 pos)
{
    if (pos < 0 || pos > m_total || !QIODevice::seek(pos))
        return false;
    m_pos = pos;
    return true;
}

int MultipartBody::segmentAt(qint64 pos) const
{
    const auto it = std::upper_bound(m_segments.cbegin(), m_segments.cend(), pos,
                                     [](qint64 p, const Segment &s) { return p < s.offset; });
    return static_cast<int>(it - m_segments.cbegin()) - 1;
}

qint64 MultipartBody::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    while (done < maxSize && m_pos < m_total) {
        const int index = segmentAt(m_pos);
        if (index < 0)
            return -1;
        const Segment &s = m_segments[index];
        const qint64 inSegment = m_pos - s.offset;
        const qint64 wanted = std::min(maxSize - done, s.size - inSegment);
        if (wanted <= 0)
            break;
        qint64 got = 0;
        if (s.file.isEmpty()) {
            std::memcpy(data + done, s.bytes.constData() + inSegment, static_cast<size_t>(wanted));
            got = wanted;
        } else {
            if (m_fileSegment != index) {
                m_file.close();
                m_file.setFileName(s.file);
                m_fileSegment = m_file.open(QIODevice::ReadOnly) ? index : -1;
                if (m_fileSegment < 0) {
                    setErrorString(m_file.errorString());
                    return -1;
                }
            }
            if (m_file.pos() != inSegment && !m_file.seek(inSegment))
                return -1;
            got = m_file.read(data + done, wanted);
            if (got <= 0) {
                // The file shrank or vanished since the body was measured.
                setErrorString(QStringLiteral("%1 changed while it was being sent").arg(s.file));
                return -1;
            }
        }
        done += got;
        m_pos += got;
        if (m_pos >= s.offset + s.size && !s.file.isEmpty()) {
            m_file.close();
            m_fileSegment = -1;
        }
    }
    return done;
}

qint64 MultipartBody::writeData(const char *, qint64)
{
    return -1;
}

} // namespace lightbox

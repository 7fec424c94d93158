#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QList>
#include <QString>

namespace lightbox {

/// A multipart/related body read straight from disk: the parts' headers are small byte arrays, their contents
/// are files read as they are sent. Seekable (so a request can be sent again after a redirect) and of known size
/// (Content-Length), without ever holding a whole file in memory.
class MultipartBody : public QIODevice
{
    Q_OBJECT

public:
    /// @param contentType the Content-Type of every part, e.g. "application/dicom".
    explicit MultipartBody(const QByteArray &contentType, QObject *parent = nullptr);
    ~MultipartBody() override;

    /// Appends a part holding the file @p path as it is now on disk.
    /// @return false (and the body unchanged) when the file cannot be read.
    bool addFile(const QString &path, QString *error = nullptr);
    /// Ends the body; call once after the last addFile() and before reading.
    void finish();

    /// The value of the request's Content-Type header ("multipart/related; type=...; boundary=...").
    QByteArray contentTypeHeader() const;
    QByteArray boundary() const { return m_boundary; }

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_total; }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return m_pos >= m_total; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    struct Segment
    {
        qint64 offset = 0; ///< Where it starts in the body.
        qint64 size = 0;
        QByteArray bytes; ///< Headers and delimiters.
        QString file; ///< Or a file's content.
    };

    void appendBytes(const QByteArray &bytes);
    int segmentAt(qint64 pos) const;

    QByteArray m_contentType;
    QByteArray m_boundary;
    QList<Segment> m_segments;
    qint64 m_total = 0;
    qint64 m_pos = 0;
    QFile m_file; ///< The file segment being read.
    int m_fileSegment = -1;
};

} // namespace lightbox

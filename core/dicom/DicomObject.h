#pragma once

#include <QString>

#include <memory>

namespace lightbox {

/// An in-memory DICOM instance: a data set with its file meta information, ready to be sent or saved.
/// Opaque outside core/dicom and core/net (the DCMTK objects live in DicomObject::Data, declared in
/// core/dicom/DicomObjectData.h). Copies are cheap and share the same data.
class DicomObject
{
public:
    struct Data;

    /// A null object (isNull() is true).
    DicomObject() = default;
    /// Wraps @p data; core/dicom and core/net only.
    explicit DicomObject(std::shared_ptr<Data> data);

    /// True when it holds no data set.
    bool isNull() const { return !m_data; }
    /// The SOP Class UID of the data set, or an empty string.
    QString sopClassUid() const;
    /// The SOP Instance UID of the data set, or an empty string.
    QString sopInstanceUid() const;
    /// The transfer syntax the data set is held in (and written in by save()).
    QString transferSyntaxUid() const;

    /// Writes the object as a DICOM Part 10 file (preamble, meta header, data set in its transfer syntax).
    /// @param path the file to create or overwrite; its folder must exist.
    /// @param error set to a plain-words reason on failure.
    /// @return true when the file was written.
    bool save(const QString &path, QString *error = nullptr) const;

    /// The DCMTK objects, for core/dicom and core/net; nullptr when null.
    Data *data() const { return m_data.get(); }

private:
    std::shared_ptr<Data> m_data;
};

} // namespace lightbox

#pragma once

#include "core/transfer/UidMapper.h"

#include <QHash>
#include <QString>

#include <mutex>

namespace lightbox {

/// How an anonymized export names the patient.
struct AnonymizeOptions
{
    QString patientName; ///< Empty: "ANONYMOUS^<n>", n counting the export's patients.
    QString patientId; ///< Empty: a generated "ANON" ID, one per original patient.
};

/// Writes de-identified copies of DICOM files, after the PS3.15 Basic Application Level Confidentiality Profile
/// with the options that keep dates and patient characteristics (sex, age, size, weight):
/// new patient name and ID; birth date emptied; other patient names and IDs, addresses, phone numbers,
/// institution, physicians, operators, station and device serial number removed; accession number and study ID
/// emptied; every other person name emptied; private elements removed; every UID that is not a DICOM standard
/// UID remapped through one UidMapper (consistent across all files of the export, the meta header's Media
/// Storage SOP Instance UID included). Finally any text value that still contains the original patient's name
/// components or ID (3 characters or longer) is blanked, and Patient Identity Removed is set to YES.
/// Thread-safe.
class Anonymizer
{
public:
    explicit Anonymizer(AnonymizeOptions options = {});

    /// Reads @p source, de-identifies it and writes @p target (Part 10, same transfer syntax; pixel data
    /// untouched). @return false with @p error in plain words.
    bool anonymize(const QString &source, const QString &target, QString *error = nullptr);

    /// The new UID an original UID gets in this export.
    QString mappedUid(const QString &original) { return m_uids.map(original); }

private:
    struct Patient
    {
        QString name;
        QString id;
    };
    Patient replacementFor(const QByteArray &originalId, const QByteArray &originalName);

    AnonymizeOptions m_options;
    UidMapper m_uids;
    QByteArray m_salt;
    std::mutex m_mutex;
    QHash<QByteArray, Patient> m_patients;
};

} // namespace lightbox

#include "core/transfer/Anonymizer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QList>
#include <QRandomGenerator>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcvr.h>

#include <algorithm>
#include <array>
#include <set>

namespace lightbox {
namespace {

/// Identifying attributes the Basic Profile removes (X), wherever they occur.
const std::set<DcmTagKey> &removedTags()
{
    static const std::set<DcmTagKey> tags {
        DCM_RETIRED_OtherPatientIDs,
        DCM_OtherPatientIDsSequence,
        DCM_OtherPatientNames,
        DCM_PatientBirthName,
        DCM_PatientMotherBirthName,
        DCM_PatientAddress,
        DCM_PatientTelephoneNumbers,
        DCM_PatientTelecomInformation,
        DCM_PatientBirthTime,
        DCM_PatientBirthDateInAlternativeCalendar,
        DCM_PatientDeathDateInAlternativeCalendar,
        DCM_MilitaryRank,
        DCM_BranchOfService,
        DCM_RETIRED_MedicalRecordLocator,
        DCM_Occupation,
        DCM_AdditionalPatientHistory,
        DCM_PatientComments,
        DCM_PatientReligiousPreference,
        DCM_CountryOfResidence,
        DCM_RegionOfResidence,
        DCM_ResponsiblePerson,
        DCM_ResponsibleOrganization,
        DCM_PatientInsurancePlanCodeSequence,
        DCM_RETIRED_InsurancePlanIdentification,
        DCM_IssuerOfPatientID,
        DCM_IssuerOfPatientIDQualifiersSequence,
        DCM_ReferencedPatientSequence,
        DCM_CurrentPatientLocation,
        DCM_PatientInstitutionResidence,
        DCM_InstitutionName,
        DCM_InstitutionAddress,
        DCM_InstitutionalDepartmentName,
        DCM_InstitutionCodeSequence,
        DCM_InstitutionalDepartmentTypeCodeSequence,
        DCM_StationName,
        DCM_DeviceSerialNumber,
        DCM_ReferringPhysicianAddress,
        DCM_ReferringPhysicianTelephoneNumbers,
        DCM_ReferringPhysicianIdentificationSequence,
        DCM_PerformingPhysicianName,
        DCM_PerformingPhysicianIdentificationSequence,
        DCM_NameOfPhysiciansReadingStudy,
        DCM_PhysiciansReadingStudyIdentificationSequence,
        DCM_PhysiciansOfRecord,
        DCM_PhysiciansOfRecordIdentificationSequence,
        DCM_OperatorsName,
        DCM_OperatorIdentificationSequence,
        DCM_RequestingPhysician,
        DCM_RequestingService,
        DCM_RequestAttributesSequence,
        DCM_PersonAddress,
        DCM_PersonTelephoneNumbers,
        DCM_PersonTelecomInformation,
        DCM_ImageComments,
        DCM_RETIRED_StudyComments,
        DCM_RETIRED_TextComments,
        DCM_DerivationDescription,
        DCM_PerformedProcedureStepID,
        DCM_ScheduledProcedureStepID,
        DCM_RequestedProcedureID,
        DCM_FillerOrderNumberImagingServiceRequest,
        DCM_PlacerOrderNumberImagingServiceRequest,
    };
    return tags;
}

/// UI attributes that name a class, syntax or scheme, not an instance: never remapped.
const std::set<DcmTagKey> &classUidTags()
{
    static const std::set<DcmTagKey> tags {
        DCM_SOPClassUID,
        DCM_ReferencedSOPClassUID,
        DCM_MediaStorageSOPClassUID,
        DCM_AffectedSOPClassUID,
        DCM_RequestedSOPClassUID,
        DCM_ReferencedSOPClassUIDInFile,
        DCM_TransferSyntaxUID,
        DCM_ReferencedTransferSyntaxUIDInFile,
        DCM_ImplementationClassUID,
        DCM_CodingSchemeUID,
        DCM_RelatedGeneralSOPClassUID,
        DCM_OriginalSpecializedSOPClassUID,
        DCM_ContextGroupExtensionCreatorUID,
        DCM_PrivateInformationCreatorUID,
        DCM_MappingResourceUID,
    };
    return tags;
}

QByteArray trimmed(QByteArray value)
{
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\0'))
        value.chop(1);
    while (!value.isEmpty() && value.front() == ' ')
        value.remove(0, 1);
    return value;
}

QByteArray stringOf(DcmItem &item, const DcmTagKey &tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value, OFFalse).bad())
        return {};
    return QByteArray(value.c_str(), static_cast<qsizetype>(value.length()));
}

/// The strings of the original patient that must not survive: ID, name and name components (upper case).
/// Short and purely numeric short values are left out: they cannot be told apart from measurements.
class Needles
{
public:
    void addId(const QByteArray &id) { add(trimmed(id)); }

    void addName(const QByteArray &name)
    {
        for (const QByteArray &value : name.split('\\')) {
            QByteArray full = trimmed(value);
            while (full.endsWith('^') || full.endsWith('='))
                full.chop(1);
            add(full);
            QByteArray parts = full;
            parts.replace('=', '^');
            for (const QByteArray &part : parts.split('^'))
                add(trimmed(part));
        }
    }

    bool foundIn(const QByteArray &bytes) const
    {
        if (bytes.isEmpty())
            return false;
        const QByteArray upper = bytes.toUpper();
        return std::any_of(m_values.cbegin(), m_values.cend(),
                           [&](const QByteArray &needle) { return upper.contains(needle); });
    }

    QStringList asStrings() const
    {
        QStringList out;
        for (const QByteArray &needle : m_values)
            out.append(QString::fromLatin1(needle));
        return out;
    }

private:
    void add(const QByteArray &value)
    {
        if (value.size() < 3)
            return;
        const bool numeric = std::all_of(value.cbegin(), value.cend(), [](char c) { return c >= '0' && c <= '9'; });
        if (numeric && value.size() < 6)
            return;
        const QByteArray upper = value.toUpper();
        if (!m_values.contains(upper))
            m_values.append(upper);
    }

    QList<QByteArray> m_values;
};

/// Removes private and identifying elements, empties person names, remaps instance UIDs; recursive.
void clean(DcmItem &item, bool topLevel, UidMapper &uids, const QStringList &avoid)
{
    for (unsigned long i = item.card(); i-- > 0;) {
        DcmElement *element = item.getElement(i);
        if (!element)
            continue;
        const DcmTagKey tag = element->getTag();
        if (tag.isPrivate() || removedTags().count(tag) > 0) {
            delete item.remove(i);
            continue;
        }
        switch (element->ident()) {
        case EVR_SQ: {
            auto *sequence = static_cast<DcmSequenceOfItems *>(element);
            for (unsigned long j = 0; j < sequence->card(); ++j) {
                if (DcmItem *child = sequence->getItem(j))
                    clean(*child, false, uids, avoid);
            }
            break;
        }
        case EVR_PN:
            if (!(topLevel && tag == DCM_PatientName))
                element->putString("");
            break;
        case EVR_UI: {
            if (classUidTags().count(tag) > 0)
                break;
            OFString value;
            if (element->getOFStringArray(value).bad() || value.empty())
                break;
            QStringList parts = QString::fromLatin1(value.c_str()).split(QLatin1Char('\\'));
            for (QString &part : parts) {
                part = QString::fromLatin1(trimmed(part.toLatin1()));
                if (!part.isEmpty() && !UidMapper::isStandardUid(part))
                    part = uids.map(part, avoid);
            }
            element->putOFStringArray(OFString(parts.join(QLatin1Char('\\')).toLatin1().constData()));
            break;
        }
        default:
            break;
        }
    }
}

/// Blanks text values that still carry the patient (and drops binary elements that do); recursive.
void blankRemaining(DcmItem &item, bool topLevel, const Needles &needles)
{
    for (unsigned long i = item.card(); i-- > 0;) {
        DcmElement *element = item.getElement(i);
        if (!element)
            continue;
        const DcmTagKey tag = element->getTag();
        const DcmEVR vr = element->ident();
        if (vr == EVR_SQ) {
            auto *sequence = static_cast<DcmSequenceOfItems *>(element);
            for (unsigned long j = 0; j < sequence->card(); ++j) {
                if (DcmItem *child = sequence->getItem(j))
                    blankRemaining(*child, false, needles);
            }
            continue;
        }
        if (topLevel && (tag == DCM_PatientName || tag == DCM_PatientID))
            continue;
        if (vr == EVR_UI || tag == DCM_PixelData)
            continue;
        if (DcmVR(vr).isaString()) {
            OFString value;
            if (element->getOFStringArray(value).good()
                && needles.foundIn(QByteArray(value.c_str(), static_cast<qsizetype>(value.length()))))
                element->putString("");
        } else if (vr == EVR_UN || vr == EVR_OB) {
            Uint8 *bytes = nullptr;
            if (element->getUint8Array(bytes).good() && bytes
                && needles.foundIn(
                    QByteArray(reinterpret_cast<const char *>(bytes), static_cast<qsizetype>(element->getLength()))))
                delete item.remove(i);
        }
    }
}

void addCode(DcmItem &dataset, const char *value, const char *meaning)
{
    DcmItem *code = nullptr;
    if (dataset.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code, -2).good() && code) {
        code->putAndInsertString(DCM_CodeValue, value);
        code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        code->putAndInsertString(DCM_CodeMeaning, meaning);
    }
}

} // namespace

Anonymizer::Anonymizer(AnonymizeOptions options)
    : m_options(std::move(options))
{
    std::array<quint32, 8> random {};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    m_salt = QByteArray(reinterpret_cast<const char *>(random.data()), sizeof(random));
}

Anonymizer::Patient Anonymizer::replacementFor(const QByteArray &originalId, const QByteArray &originalName)
{
    const QByteArray key = originalId + '\n' + originalName;
    std::lock_guard lock(m_mutex);
    const auto found = m_patients.constFind(key);
    if (found != m_patients.cend())
        return *found;
    Patient patient;
    const int number = static_cast<int>(m_patients.size()) + 1;
    patient.name = m_options.patientName.isEmpty() ? QStringLiteral("ANONYMOUS^%1").arg(number) : m_options.patientName;
    if (!m_options.patientId.isEmpty()) {
        patient.id = m_options.patientId;
    } else {
        const QByteArray digest = QCryptographicHash::hash(QByteArray(m_salt + key), QCryptographicHash::Sha256);
        patient.id = QStringLiteral("ANON") + QString::fromLatin1(digest.left(6).toHex().toUpper());
    }
    m_patients.insert(key, patient);
    return patient;
}

bool Anonymizer::anonymize(const QString &source, const QString &target, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        QFile::remove(target);
        return false;
    };
    DcmFileFormat file;
    OFCondition cond = file.loadFile(OFFilename(QFile::encodeName(source).constData()));
    if (cond.bad())
        return fail(QCoreApplication::translate("lightbox::Exporter", "cannot read %1 (%2)")
                        .arg(source, QString::fromLatin1(cond.text())));
    file.loadAllDataIntoMemory();
    DcmDataset &ds = *file.getDataset();
    DcmMetaInfo &meta = *file.getMetaInfo();

    Needles needles;
    const QByteArray originalId = stringOf(ds, DCM_PatientID);
    const QByteArray originalName = stringOf(ds, DCM_PatientName);
    needles.addId(originalId);
    needles.addName(originalName);
    needles.addName(stringOf(ds, DCM_OtherPatientNames));
    needles.addName(stringOf(ds, DCM_PatientBirthName));
    for (const QByteArray &other : stringOf(ds, DCM_RETIRED_OtherPatientIDs).split('\\'))
        needles.addId(other);
    DcmSequenceOfItems *others = nullptr;
    if (ds.findAndGetSequence(DCM_OtherPatientIDsSequence, others).good() && others) {
        for (unsigned long i = 0; i < others->card(); ++i)
            needles.addId(stringOf(*others->getItem(i), DCM_PatientID));
    }
    const Patient patient = replacementFor(trimmed(originalId), trimmed(originalName));

    const QStringList avoid = needles.asStrings();
    clean(ds, true, m_uids, avoid);
    for (const DcmTagKey &tag :
         {DCM_SourceApplicationEntityTitle, DCM_SendingApplicationEntityTitle, DCM_ReceivingApplicationEntityTitle,
          DCM_PrivateInformationCreatorUID, DCM_PrivateInformation}) {
        if (DcmElement *element = meta.remove(tag))
            delete element;
    }

    ds.putAndInsertString(DCM_PatientName, patient.name.toLatin1().constData());
    ds.putAndInsertString(DCM_PatientID, patient.id.toLatin1().constData());
    ds.putAndInsertString(DCM_PatientBirthDate, "");
    ds.putAndInsertString(DCM_AccessionNumber, "");
    ds.putAndInsertString(DCM_StudyID, "");
    ds.putAndInsertString(DCM_ReferringPhysicianName, "");
    blankRemaining(ds, true, needles);

    ds.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    ds.putAndInsertString(DCM_DeidentificationMethod, "Lightbox: PS3.15 Basic Profile, dates and sex kept");
    if (DcmElement *old = ds.remove(DCM_DeidentificationMethodCodeSequence))
        delete old;
    addCode(ds, "113100", "Basic Application Confidentiality Profile");
    addCode(ds, "113106", "Retain Longitudinal Temporal Information Full Dates Option");
    addCode(ds, "113108", "Retain Patient Characteristics Option");
    ds.putAndInsertString(DCM_LongitudinalTemporalInformationModified, "UNMODIFIED");
    // Only the basic character repertoire was written: the original character set still applies to the rest.

    OFString sopInstance;
    ds.findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    meta.putAndInsertString(DCM_MediaStorageSOPInstanceUID, sopInstance.c_str());

    E_TransferSyntax xfer = ds.getOriginalXfer();
    if (xfer == EXS_Unknown)
        xfer = EXS_LittleEndianExplicit;
    cond = file.saveFile(OFFilename(QFile::encodeName(target).constData()), xfer, EET_ExplicitLength, EGL_recalcGL,
                         EPD_noChange, 0, 0, EWM_updateMeta);
    if (cond.bad())
        return fail(QCoreApplication::translate("lightbox::Exporter", "cannot write %1 (%2)")
                        .arg(target, QString::fromLatin1(cond.text())));
    // The 128-byte preamble is copied from the source by DCMTK and may hold anything: clear it.
    QFile written(target);
    if (!written.open(QIODevice::ReadWrite) || written.write(QByteArray(128, '\0')) != 128)
        return fail(QCoreApplication::translate("lightbox::Exporter", "cannot write %1 (%2)")
                        .arg(target, written.errorString()));
    return true;
}

} // namespace lightbox

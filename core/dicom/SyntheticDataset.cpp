#include "core/dicom/SyntheticDataset.h"

#include "core/dicom/DicomObjectData.h"
#include "core/dicom/SyntheticPhantom.h"
#include "core/dicom/SyntheticPlan.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QDate>

#include <algorithm>
#include <vector>

namespace lightbox {
namespace {

void put(DcmDataset &ds, const DcmTagKey &tag, const QString &value)
{
    ds.putAndInsertString(tag, value.toUtf8().constData());
}

void put(DcmDataset &ds, const DcmTagKey &tag, const char *value)
{
    ds.putAndInsertString(tag, value);
}

// Decimal String: at most 16 characters, so 10 significant digits.
QString decimal(double value)
{
    return QString::number(value, 'g', 10);
}

QString decimals(std::initializer_list<double> values)
{
    QStringList parts;
    for (const double v : values)
        parts.append(decimal(v));
    return parts.join(QLatin1Char('\\'));
}

QString dicomDate(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyyMMdd"));
}

QString dicomTime(const QDateTime &t)
{
    return t.toString(QStringLiteral("HHmmss"));
}

QString patientAge(const QString &birthDate, const QDate &on)
{
    const QDate born = QDate::fromString(birthDate, QStringLiteral("yyyyMMdd"));
    if (!born.isValid())
        return {};
    int years = on.year() - born.year();
    if (on.month() < born.month() || (on.month() == born.month() && on.day() < born.day()))
        --years;
    return QStringLiteral("%1Y").arg(qBound(0, years, 999), 3, 10, QLatin1Char('0'));
}

void putImagePixelModule(DcmDataset &ds, int size, int bitsAllocated, int bitsStored, bool isSigned)
{
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
    ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(size));
    ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(size));
    ds.putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(bitsAllocated));
    ds.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(bitsStored));
    ds.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(bitsStored - 1));
    ds.putAndInsertUint16(DCM_PixelRepresentation, isSigned ? 1 : 0);
}

void putWindow(DcmDataset &ds, double center, double width, const char *explanation)
{
    put(ds, DCM_WindowCenter, decimal(center));
    put(ds, DCM_WindowWidth, decimal(width));
    put(ds, DCM_WindowCenterWidthExplanation, explanation);
}

void putPixels16(DcmDataset &ds, const std::vector<uint16_t> &pixels)
{
    ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
}

void putCt(DcmDataset &ds, const SyntheticPlan &plan, const SyntheticSeriesPlan &s, int within)
{
    const int size = plan.matrix;
    const int slices = static_cast<int>(s.instanceUids.size());
    const uint32_t seed = plan.seed * 7919u + static_cast<uint32_t>(s.number * 1000 + within);
    std::vector<int16_t> hu;
    put(ds, DCM_KVP, "120");
    put(ds, DCM_XRayTubeCurrent, "200");
    put(ds, DCM_ExposureTime, "500");
    put(ds, DCM_PatientPosition, "HFS");
    put(ds, DCM_GantryDetectorTilt, "0");
    put(ds, DCM_TableHeight, "150");
    put(ds, DCM_RotationDirection, "CW");
    put(ds, DCM_PositionReferenceIndicator, "");
    put(ds, DCM_FrameOfReferenceUID, s.frameOfReferenceUid);
    if (s.role == SyntheticRole::CtScout) {
        const double spacing = 500.0 / size;
        put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\LOCALIZER");
        put(ds, DCM_ScanOptions, "SURVIEW");
        put(ds, DCM_SliceThickness, "0.6");
        put(ds, DCM_ConvolutionKernel, "T20f");
        put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\0\\-1");
        put(ds, DCM_ImagePositionPatient, decimals({-250.0 + spacing / 2, 0.0, 10.0}));
        put(ds, DCM_PixelSpacing, decimals({spacing, spacing}));
        putWindow(ds, 100, 1700, "TOPOGRAM");
        hu = SyntheticPhantom::ctScoutHu(size, seed);
    } else {
        const bool lung = s.role == SyntheticRole::CtAxialLung;
        const double fov = 380.0;
        const double spacing = fov / size;
        const double z = -50.0 - 5.0 * within;
        put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
        put(ds, DCM_ScanOptions, "HELICAL MODE");
        put(ds, DCM_SliceThickness, "5");
        put(ds, DCM_SpiralPitchFactor, "1.2");
        put(ds, DCM_DataCollectionDiameter, "500");
        put(ds, DCM_ReconstructionDiameter, decimal(fov));
        put(ds, DCM_ConvolutionKernel, lung ? "B70f" : "B30f");
        put(ds, DCM_ContrastBolusAgent, "Iohexol 350 mgI/ml");
        put(ds, DCM_ContrastBolusRoute, "IV");
        put(ds, DCM_ContrastBolusVolume, "80");
        put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        put(ds, DCM_ImagePositionPatient, decimals({-fov / 2 + spacing / 2, -fov / 2 + spacing / 2, z}));
        put(ds, DCM_SliceLocation, decimal(z));
        put(ds, DCM_PixelSpacing, decimals({spacing, spacing}));
        if (lung)
            putWindow(ds, -600, 1500, "LUNG");
        else
            putWindow(ds, 40, 400, "MEDIASTINUM");
        const double position = slices > 1 ? static_cast<double>(within) / (slices - 1) : 0.5;
        hu = SyntheticPhantom::ctAxialHu(size, position, z, true, lung ? 25 : 8, seed);
    }
    put(ds, DCM_RescaleIntercept, "-1024");
    put(ds, DCM_RescaleSlope, "1");
    put(ds, DCM_RescaleType, "HU");
    putImagePixelModule(ds, size, 16, 16, true);
    std::vector<uint16_t> stored(hu.size());
    for (size_t i = 0; i < hu.size(); ++i)
        stored[i] = static_cast<uint16_t>(static_cast<int16_t>(hu[i] + 1024)); // two's complement in 16 bits
    putPixels16(ds, stored);
}

void putMr(DcmDataset &ds, const SyntheticPlan &plan, const SyntheticSeriesPlan &s, int within)
{
    struct Sequence
    {
        SyntheticPhantom::MrWeighting weighting;
        const char *scanning, *variant, *name, *tr, *te, *ti, *etl, *flip;
        double center, width;
    };
    static constexpr Sequence t1 {
        SyntheticPhantom::MrWeighting::T1, "SE", "SK\\SP", "*se2d1", "550", "12", nullptr, "1", "90", 450, 900};
    static constexpr Sequence t2 {SyntheticPhantom::MrWeighting::T2,
                                  "SE",
                                  "SK\\SP\\OSP",
                                  "*tse2d1_15",
                                  "4500",
                                  "95",
                                  nullptr,
                                  "15",
                                  "150",
                                  750,
                                  1500};
    static constexpr Sequence flair {SyntheticPhantom::MrWeighting::Flair,
                                     "SE\\IR",
                                     "SK\\SP\\MP",
                                     "*tir2d1_16",
                                     "9000",
                                     "81",
                                     "2500",
                                     "16",
                                     "150",
                                     550,
                                     1100};
    const Sequence &q = s.role == SyntheticRole::MrT1 ? t1 : s.role == SyntheticRole::MrT2 ? t2 : flair;
    const int size = plan.matrix;
    const int slices = static_cast<int>(s.instanceUids.size());
    const double fov = 240.0;
    const double spacing = fov / size;
    const double z = -40.0 + 6.0 * within;

    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\M\\ND");
    put(ds, DCM_ScanningSequence, q.scanning);
    put(ds, DCM_SequenceVariant, q.variant);
    put(ds, DCM_ScanOptions, "");
    put(ds, DCM_MRAcquisitionType, "2D");
    put(ds, DCM_SequenceName, q.name);
    put(ds, DCM_RepetitionTime, q.tr);
    put(ds, DCM_EchoTime, q.te);
    if (q.ti)
        put(ds, DCM_InversionTime, q.ti);
    put(ds, DCM_EchoTrainLength, q.etl);
    put(ds, DCM_FlipAngle, q.flip);
    put(ds, DCM_EchoNumbers, "1");
    put(ds, DCM_NumberOfAverages, "1");
    put(ds, DCM_ImagingFrequency, "63.676");
    put(ds, DCM_ImagedNucleus, "1H");
    put(ds, DCM_MagneticFieldStrength, "1.5");
    put(ds, DCM_PixelBandwidth, "130");
    put(ds, DCM_ReceiveCoilName, "Head_16");
    put(ds, DCM_TransmitCoilName, "Body");
    put(ds, DCM_PatientPosition, "HFS");
    put(ds, DCM_SliceThickness, "5");
    put(ds, DCM_SpacingBetweenSlices, "6");
    put(ds, DCM_FrameOfReferenceUID, s.frameOfReferenceUid);
    put(ds, DCM_PositionReferenceIndicator, "");
    put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    put(ds, DCM_ImagePositionPatient, decimals({-fov / 2 + spacing / 2, -fov / 2 + spacing / 2, z}));
    put(ds, DCM_SliceLocation, decimal(z));
    put(ds, DCM_PixelSpacing, decimals({spacing, spacing}));
    putWindow(ds, q.center, q.width, "BRAIN");
    putImagePixelModule(ds, size, 16, 12, false);
    const double position = slices > 1 ? static_cast<double>(within) / (slices - 1) : 0.5;
    const uint32_t seed = plan.seed * 7919u + static_cast<uint32_t>(s.number * 1000 + within);
    putPixels16(ds, SyntheticPhantom::mrBrain(size, position, q.weighting, seed));
}

void putCr(DcmDataset &ds, const SyntheticPlan &plan)
{
    const int size = plan.matrix;
    const double spacing = 430.0 / size;
    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY");
    put(ds, DCM_ViewPosition, "PA");
    put(ds, DCM_PatientOrientation, "L\\F");
    put(ds, DCM_KVP, "125");
    put(ds, DCM_ExposureTime, "8");
    put(ds, DCM_XRayTubeCurrent, "320");
    put(ds, DCM_Exposure, "3");
    put(ds, DCM_DistanceSourceToDetector, "1800");
    put(ds, DCM_Sensitivity, "200");
    put(ds, DCM_ImagerPixelSpacing, decimals({spacing, spacing}));
    putWindow(ds, 2000, 3600, "CHEST");
    putImagePixelModule(ds, size, 16, 12, false);
    putPixels16(ds, SyntheticPhantom::crChestPa(size, plan.seed * 7919u));
}

void putXa(DcmDataset &ds, const SyntheticPlan &plan, const SyntheticSeriesPlan &s)
{
    const int size = plan.matrix;
    const int frames = std::max(1, s.frames);
    const double frameTime = 1000.0 / 15.0;
    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\SINGLE PLANE");
    put(ds, DCM_NumberOfFrames, QString::number(frames));
    ds.putAndInsertTagKey(DCM_FrameIncrementPointer, DCM_FrameTime);
    put(ds, DCM_FrameTime, decimal(frameTime));
    put(ds, DCM_CineRate, "15");
    put(ds, DCM_RecommendedDisplayFrameRate, "15");
    put(ds, DCM_StartTrim, "1");
    put(ds, DCM_StopTrim, QString::number(frames));
    put(ds, DCM_PreferredPlaybackSequencing, "0");
    put(ds, DCM_PixelIntensityRelationship, "LIN");
    put(ds, DCM_PositionerMotion, "STATIC");
    put(ds, DCM_PositionerPrimaryAngle, s.view == 0 ? "-30" : "45");
    put(ds, DCM_PositionerSecondaryAngle, s.view == 0 ? "-20" : "20");
    put(ds, DCM_KVP, "80");
    put(ds, DCM_XRayTubeCurrent, "650");
    put(ds, DCM_ExposureTime, "7");
    put(ds, DCM_RadiationSetting, "GR");
    put(ds, DCM_DistanceSourceToDetector, "1100");
    put(ds, DCM_DistanceSourceToPatient, "750");
    put(ds, DCM_IntensifierSize, "230");
    put(ds, DCM_ImagerPixelSpacing, decimals({230.0 / size, 230.0 / size}));
    put(ds, DCM_ContrastBolusAgent, "Iodixanol 320 mgI/ml");
    put(ds, DCM_ContrastBolusRoute, "IA");
    putWindow(ds, 128, 256, "ANGIO");
    putImagePixelModule(ds, size, 8, 8, false);
    std::vector<uint8_t> pixels;
    pixels.reserve(static_cast<size_t>(size) * static_cast<size_t>(size) * static_cast<size_t>(frames));
    for (int f = 0; f < frames; ++f) {
        const std::vector<uint8_t> frame = SyntheticPhantom::xaFrame(size, f, frames, s.view, plan.seed * 31u);
        pixels.insert(pixels.end(), frame.begin(), frame.end());
    }
    ds.putAndInsertUint8Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
}

} // namespace

DicomObject SyntheticDataset::build(const SyntheticPlan &plan, int series, int within)
{
    const SyntheticSeriesPlan &s = plan.series.at(static_cast<size_t>(series));
    auto data = std::make_shared<DicomObject::Data>();
    data->transferSyntax = EXS_LittleEndianExplicit;
    DcmDataset &ds = *data->file.getDataset();
    const QDateTime created = QDateTime::currentDateTime();
    const QDateTime content = s.startedAt.addSecs(within);

    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    put(ds, DCM_InstanceCreationDate, dicomDate(created));
    put(ds, DCM_InstanceCreationTime, dicomTime(created));
    put(ds, DCM_SOPClassUID, s.sopClassUid);
    put(ds, DCM_SOPInstanceUID, s.instanceUids.at(within));
    put(ds, DCM_StudyDate, dicomDate(plan.when));
    put(ds, DCM_SeriesDate, dicomDate(s.startedAt));
    put(ds, DCM_AcquisitionDate, dicomDate(content));
    put(ds, DCM_ContentDate, dicomDate(content));
    put(ds, DCM_StudyTime, dicomTime(plan.when));
    put(ds, DCM_SeriesTime, dicomTime(s.startedAt));
    put(ds, DCM_AcquisitionTime, dicomTime(content));
    put(ds, DCM_ContentTime, dicomTime(content));
    put(ds, DCM_AccessionNumber, plan.accession);
    put(ds, DCM_Modality, plan.modality);
    put(ds, DCM_Manufacturer, "Lightbox");
    put(ds, DCM_InstitutionName, plan.institution);
    put(ds, DCM_InstitutionAddress, "1 Simulation Way, Springfield");
    put(ds, DCM_ReferringPhysicianName, plan.referringPhysician);
    put(ds, DCM_StationName, plan.stationName);
    put(ds, DCM_StudyDescription, plan.description);
    put(ds, DCM_SeriesDescription, s.description);
    put(ds, DCM_OperatorsName, "Tech^Alex");
    put(ds, DCM_ManufacturerModelName, plan.modelName);
    put(ds, DCM_PatientName, plan.patient.name);
    put(ds, DCM_PatientID, plan.patient.id);
    put(ds, DCM_IssuerOfPatientID, "LIGHTBOX-SIM");
    put(ds, DCM_PatientBirthDate, plan.patient.birthDate);
    put(ds, DCM_PatientSex, plan.patient.sex);
    put(ds, DCM_PatientAge, patientAge(plan.patient.birthDate, plan.when.date()));
    put(ds, DCM_PatientSize, plan.patient.sizeM);
    put(ds, DCM_PatientWeight, plan.patient.weightKg);
    put(ds, DCM_BodyPartExamined, plan.bodyPart);
    put(ds, DCM_ProtocolName, s.description);
    put(ds, DCM_DeviceSerialNumber, "LB-SIM-0001");
    put(ds, DCM_SoftwareVersions, QStringLiteral("Lightbox simulator " LIGHTBOX_VERSION));
    put(ds, DCM_StudyInstanceUID, plan.studyUid);
    put(ds, DCM_SeriesInstanceUID, s.seriesUid);
    put(ds, DCM_StudyID, plan.studyId);
    put(ds, DCM_SeriesNumber, QString::number(s.number));
    put(ds, DCM_AcquisitionNumber, "1");
    put(ds, DCM_InstanceNumber, QString::number(within + 1));
    put(ds, DCM_BurnedInAnnotation, "NO");
    put(ds, DCM_LossyImageCompression, "00");

    switch (s.role) {
    case SyntheticRole::CtScout:
    case SyntheticRole::CtAxialSoft:
    case SyntheticRole::CtAxialLung:
        putCt(ds, plan, s, within);
        break;
    case SyntheticRole::MrT1:
    case SyntheticRole::MrT2:
    case SyntheticRole::MrFlair:
        putMr(ds, plan, s, within);
        break;
    case SyntheticRole::CrPa:
        putCr(ds, plan);
        break;
    case SyntheticRole::XaRun:
        putXa(ds, plan, s);
        break;
    }
    return DicomObject(std::move(data));
}

} // namespace lightbox

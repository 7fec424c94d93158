#include "core/imaging/ImageInfoReader.h"

#include "core/dicom/CharsetDecoder.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cmath>

namespace lightbox {
namespace {

QString latin(DcmItem &item, const DcmTagKey &tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return {};
    return QString::fromLatin1(value.c_str()).trimmed();
}

QString text(DcmItem &item, const DcmTagKey &tag, const CharsetDecoder &decoder, CharsetDecoder::Vr vr)
{
    const char *raw = nullptr;
    if (item.findAndGetString(tag, raw).bad() || !raw)
        return {};
    return decoder.decode(QByteArrayView(raw), vr).trimmed();
}

int integer(DcmItem &item, const DcmTagKey &tag, int fallback)
{
    Uint16 us = 0;
    if (item.findAndGetUint16(tag, us).good())
        return us;
    Sint32 is = 0;
    if (item.findAndGetSint32(tag, is).good())
        return is;
    return fallback;
}

// Value @p index of a DS (or other numeric) attribute; false when absent or not a finite number.
bool number(DcmItem &item, const DcmTagKey &tag, double &out, unsigned long index = 0)
{
    Float64 v = 0;
    if (item.findAndGetFloat64(tag, v, index).bad() || !std::isfinite(v))
        return false;
    out = v;
    return true;
}

template<size_t N> bool numbers(DcmItem &item, const DcmTagKey &tag, std::array<double, N> &out)
{
    for (size_t i = 0; i < N; ++i)
        if (!number(item, tag, out[i], i))
            return false;
    return true;
}

// The first item of sequence @p tag inside @p item, or null.
DcmItem *firstItem(DcmItem &item, const DcmTagKey &tag)
{
    DcmItem *found = nullptr;
    if (item.findAndGetSequenceItem(tag, found, 0).bad())
        return nullptr;
    return found;
}

// Value @p index of a US or SS attribute (LUT descriptors may be either).
bool descriptorValue(DcmItem &item, const DcmTagKey &tag, unsigned long index, bool asSigned, int &out)
{
    Uint16 u = 0;
    if (item.findAndGetUint16(tag, u, index).good()) {
        out = asSigned ? int(Sint16(u)) : int(u);
        return true;
    }
    Sint16 s = 0;
    if (item.findAndGetSint16(tag, s, index).good()) {
        out = asSigned ? int(s) : int(Uint16(s));
        return true;
    }
    return false;
}

void readWindows(DcmItem &dataset, ImageInfo &info)
{
    const QStringList names = latin(dataset, DCM_WindowCenterWidthExplanation).split(QLatin1Char('\\'));
    for (unsigned long i = 0;; ++i) {
        WindowPreset w;
        if (!number(dataset, DCM_WindowCenter, w.center, i) || !number(dataset, DCM_WindowWidth, w.width, i))
            break;
        w.name = names.value(qsizetype(i)).trimmed();
        if (w.width > 0)
            info.windows.append(w);
    }
}

void readVoiLut(DcmItem &dataset, ImageInfo &info)
{
    DcmItem *lut = firstItem(dataset, DCM_VOILUTSequence);
    if (!lut)
        return;
    int count = 0;
    int first = 0;
    int bits = 0;
    if (!descriptorValue(*lut, DCM_LUTDescriptor, 0, false, count)
        || !descriptorValue(*lut, DCM_LUTDescriptor, 1, info.pixelSigned, first)
        || !descriptorValue(*lut, DCM_LUTDescriptor, 2, false, bits))
        return;
    if (count == 0)
        count = 65536;
    const Uint16 *data = nullptr;
    unsigned long available = 0;
    if (lut->findAndGetUint16Array(DCM_LUTData, data, &available).bad() || !data || available == 0)
        return;
    // 8-bit tables may be packed two entries per 16-bit word.
    const bool packed8 = bits <= 8 && available * 2 >= unsigned(count) && available < unsigned(count);
    QVector<double> values;
    values.reserve(count);
    int maxValue = 0;
    for (int i = 0; i < count; ++i) {
        int v = 0;
        if (packed8)
            v = (data[i / 2] >> ((i % 2) * 8)) & 0xFF;
        else if (unsigned(i) < available)
            v = data[i];
        else
            break;
        maxValue = std::max(maxValue, v);
        values.append(v);
    }
    if (values.isEmpty())
        return;
    bits = std::clamp(bits, 1, 16);
    while (bits < 16 && maxValue >= (1 << bits))
        ++bits;
    info.voiLut = values;
    info.voiLutFirst = first;
    info.voiLutBits = bits;
}

// Enhanced multi-frame: per-frame positions, and geometry from the shared groups when not at the top level.
void readFunctionalGroups(DcmItem &dataset, ImageInfo &info)
{
    if (DcmItem *shared = firstItem(dataset, DCM_SharedFunctionalGroupsSequence)) {
        if (DcmItem *measures = firstItem(*shared, DCM_PixelMeasuresSequence)) {
            if (!info.hasPixelSpacing && number(*measures, DCM_PixelSpacing, info.rowSpacing, 0)
                && number(*measures, DCM_PixelSpacing, info.columnSpacing, 1))
                info.hasPixelSpacing = true;
            if (info.sliceThickness == 0)
                number(*measures, DCM_SliceThickness, info.sliceThickness);
            if (info.spacingBetweenSlices == 0)
                number(*measures, DCM_SpacingBetweenSlices, info.spacingBetweenSlices);
        }
        if (DcmItem *plane = firstItem(*shared, DCM_PlaneOrientationSequence); plane && !info.hasOrientation)
            info.hasOrientation = numbers(*plane, DCM_ImageOrientationPatient, info.orientation);
        if (DcmItem *voi = firstItem(*shared, DCM_FrameVOILUTSequence); voi && info.windows.isEmpty())
            readWindows(*voi, info);
        if (DcmItem *pvt = firstItem(*shared, DCM_PixelValueTransformationSequence)) {
            number(*pvt, DCM_RescaleSlope, info.rescaleSlope);
            number(*pvt, DCM_RescaleIntercept, info.rescaleIntercept);
        }
    }
    DcmSequenceOfItems *perFrame = nullptr;
    if (dataset.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame).bad() || !perFrame)
        return;
    QList<std::array<double, 3>> positions;
    for (unsigned long i = 0; i < perFrame->card(); ++i) {
        DcmItem *frame = perFrame->getItem(i);
        DcmItem *plane = frame ? firstItem(*frame, DCM_PlanePositionSequence) : nullptr;
        std::array<double, 3> p {};
        if (!plane || !numbers(*plane, DCM_ImagePositionPatient, p))
            return;
        positions.append(p);
        if (i == 0 && !info.hasOrientation)
            if (DcmItem *orientation = firstItem(*frame, DCM_PlaneOrientationSequence))
                info.hasOrientation = numbers(*orientation, DCM_ImageOrientationPatient, info.orientation);
    }
    info.framePositions = positions;
    if (!info.hasPosition && !positions.isEmpty()) {
        info.position = positions.first();
        info.hasPosition = true;
    }
}

} // namespace

void ImageInfoReader::read(DcmItem &dataset, ImageInfo &info)
{
    const char *charset = nullptr;
    dataset.findAndGetString(DCM_SpecificCharacterSet, charset, OFTrue);
    const CharsetDecoder decoder(charset ? QByteArrayView(charset) : QByteArrayView());

    info.sopInstanceUid = latin(dataset, DCM_SOPInstanceUID);
    info.sopClassUid = latin(dataset, DCM_SOPClassUID);
    info.seriesInstanceUid = latin(dataset, DCM_SeriesInstanceUID);
    info.studyInstanceUid = latin(dataset, DCM_StudyInstanceUID);
    info.frameOfReferenceUid = latin(dataset, DCM_FrameOfReferenceUID);
    info.modality = latin(dataset, DCM_Modality);
    info.patientName = text(dataset, DCM_PatientName, decoder, CharsetDecoder::Vr::PersonName);
    info.patientId = text(dataset, DCM_PatientID, decoder, CharsetDecoder::Vr::Text);
    info.studyDate = latin(dataset, DCM_StudyDate);
    info.studyDescription = text(dataset, DCM_StudyDescription, decoder, CharsetDecoder::Vr::Text);
    info.seriesDescription = text(dataset, DCM_SeriesDescription, decoder, CharsetDecoder::Vr::Text);
    info.seriesNumber = latin(dataset, DCM_SeriesNumber);
    info.instanceNumber = latin(dataset, DCM_InstanceNumber);
    info.photometric = latin(dataset, DCM_PhotometricInterpretation).toUpper();
    info.rescaleType = latin(dataset, DCM_RescaleType);
    info.voiLutFunction = latin(dataset, DCM_VOILUTFunction).toUpper();

    info.rows = integer(dataset, DCM_Rows, 0);
    info.columns = integer(dataset, DCM_Columns, 0);
    bool framesOk = false;
    const int frames = latin(dataset, DCM_NumberOfFrames).toInt(&framesOk);
    info.frames = framesOk && frames > 0 ? frames : 1;
    info.samplesPerPixel = integer(dataset, DCM_SamplesPerPixel, 1);
    info.bitsAllocated = integer(dataset, DCM_BitsAllocated, 0);
    info.bitsStored = integer(dataset, DCM_BitsStored, info.bitsAllocated);
    info.highBit = integer(dataset, DCM_HighBit, -1);
    info.planarConfiguration = integer(dataset, DCM_PlanarConfiguration, 0);
    info.pixelSigned = integer(dataset, DCM_PixelRepresentation, 0) == 1;

    number(dataset, DCM_RescaleSlope, info.rescaleSlope);
    number(dataset, DCM_RescaleIntercept, info.rescaleIntercept);
    if (info.rescaleSlope == 0)
        info.rescaleSlope = 1;
    readWindows(dataset, info);
    readVoiLut(dataset, info);

    info.hasPosition = numbers(dataset, DCM_ImagePositionPatient, info.position);
    info.hasOrientation = numbers(dataset, DCM_ImageOrientationPatient, info.orientation);
    info.hasPixelSpacing = number(dataset, DCM_PixelSpacing, info.rowSpacing, 0)
        && number(dataset, DCM_PixelSpacing, info.columnSpacing, 1) && info.rowSpacing > 0 && info.columnSpacing > 0;
    if (!info.hasPixelSpacing) {
        info.rowSpacing = 1;
        info.columnSpacing = 1;
    }
    number(dataset, DCM_SliceThickness, info.sliceThickness);
    number(dataset, DCM_SpacingBetweenSlices, info.spacingBetweenSlices);
    readFunctionalGroups(dataset, info);

    double frameTime = 0;
    double cineRate = 0;
    if (number(dataset, DCM_FrameTime, frameTime) && frameTime > 0)
        info.frameTimeMs = frameTime;
    else if (number(dataset, DCM_CineRate, cineRate) && cineRate > 0)
        info.frameTimeMs = 1000.0 / cineRate;
}

} // namespace lightbox

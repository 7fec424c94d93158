#include "core/dicom/TransferSyntaxes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

namespace lightbox {

const std::vector<std::string> &acceptedTransferSyntaxes()
{
    // Order is our preference when one presentation context proposes several: lossless compressed first
    // (kept as sent, smaller), then uncompressed, then lossy last, so that accepting never makes a sender
    // compress lossily; a sender that proposes only a lossy syntax is still accepted as sent.
    static const std::vector<std::string> list = {
        UID_RLELosslessTransferSyntax,
        UID_JPEGLSLosslessTransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax,
        UID_JPEGProcess14TransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax,
        UID_JPEG2000Part2MulticomponentImageCompressionLosslessOnlyTransferSyntax,
        "1.2.840.10008.1.2.4.201", // HTJ2K lossless (newer than DCMTK 3.6.7's dictionary)
        "1.2.840.10008.1.2.4.202", // HTJ2K lossless RPCL
        UID_LittleEndianExplicitTransferSyntax,
        UID_LittleEndianImplicitTransferSyntax,
        UID_BigEndianExplicitTransferSyntax,
        UID_DeflatedExplicitVRLittleEndianTransferSyntax,
        "1.2.840.10008.1.2.1.98", // encapsulated uncompressed explicit VR little endian
        UID_JPEGProcess1TransferSyntax,
        UID_JPEGProcess2_4TransferSyntax,
        UID_JPEGLSLossyTransferSyntax,
        UID_JPEG2000TransferSyntax,
        UID_JPEG2000Part2MulticomponentImageCompressionTransferSyntax,
        "1.2.840.10008.1.2.4.203", // HTJ2K
        UID_MPEG2MainProfileAtMainLevelTransferSyntax,
        UID_MPEG2MainProfileAtHighLevelTransferSyntax,
        UID_MPEG4HighProfileLevel4_1TransferSyntax,
        UID_MPEG4BDcompatibleHighProfileLevel4_1TransferSyntax,
        UID_MPEG4HighProfileLevel4_2_For2DVideoTransferSyntax,
        UID_MPEG4HighProfileLevel4_2_For3DVideoTransferSyntax,
        UID_MPEG4StereoHighProfileLevel4_2TransferSyntax,
        UID_HEVCMainProfileLevel5_1TransferSyntax,
        UID_HEVCMain10ProfileLevel5_1TransferSyntax,
        "1.2.840.10008.1.2.4.94", // JPIP referenced
        "1.2.840.10008.1.2.4.95", // JPIP referenced deflate
        // Retired JPEG processes still sent by old modalities.
        UID_JPEGProcess3_5TransferSyntax,
        UID_JPEGProcess6_8TransferSyntax,
        UID_JPEGProcess7_9TransferSyntax,
        UID_JPEGProcess10_12TransferSyntax,
        UID_JPEGProcess11_13TransferSyntax,
        UID_JPEGProcess15TransferSyntax,
        UID_JPEGProcess16_18TransferSyntax,
        UID_JPEGProcess17_19TransferSyntax,
        UID_JPEGProcess20_22TransferSyntax,
        UID_JPEGProcess21_23TransferSyntax,
        UID_JPEGProcess24_26TransferSyntax,
        UID_JPEGProcess25_27TransferSyntax,
        UID_JPEGProcess28TransferSyntax,
        UID_JPEGProcess29TransferSyntax,
    };

    return list;
}

const std::vector<std::string> &storageSopClasses()
{
    static const std::vector<std::string> list = [] {
        std::vector<std::string> v;
        for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
            v.emplace_back(dcmAllStorageSOPClassUIDs[i]);
        return v;
    }();
    return list;
}

std::string transferSyntaxName(const std::string &uid)
{
    const DcmXfer xfer(uid.c_str());
    if (xfer.getXfer() == EXS_Unknown)
        return uid;
    return xfer.getXferName();
}

} // namespace lightbox

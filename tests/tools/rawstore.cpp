// rawstore: a deliberately permissive C-STORE SCU for tests. It sends any file's data set with the SOP Class and
// Instance UIDs given on the command line (or found in the file), even when the data set lacks them or disagrees:
// the misbehaving modality the listener must survive. Prints "status=0x<hex> comment=<text>" for the response.
//
// usage: rawstore HOST PORT FILE [--sop-class UID] [--sop-instance UID] [--aec AE] [--aet AE]
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: rawstore HOST PORT FILE [--sop-class UID] [--sop-instance UID] [--aec AE]\n");
        return 64;
    }
    ::setenv("TCP_NODELAY", "1", 1);
    const std::string host = argv[1];
    const std::string port = argv[2];
    const char *file = argv[3];
    std::string sopClass;
    std::string sopInstance;
    std::string aec = "LIGHTBOX";
    std::string aet = "RAWSTORE";
    bool haveClass = false;
    bool haveInstance = false;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--sop-class")) {
            sopClass = argv[i + 1];
            haveClass = true;
        } else if (!std::strcmp(argv[i], "--sop-instance")) {
            sopInstance = argv[i + 1];
            haveInstance = true;
        } else if (!std::strcmp(argv[i], "--aec")) {
            aec = argv[i + 1];
        } else if (!std::strcmp(argv[i], "--aet")) {
            aet = argv[i + 1];
        }
    }

    DcmFileFormat ff;
    if (ff.loadFile(file, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect).bad()) {
        std::fprintf(stderr, "rawstore: cannot read %s\n", file);
        return 65;
    }
    DcmDataset *ds = ff.getDataset();
    OFString value;
    if (!haveClass)
        sopClass = ds->findAndGetOFString(DCM_SOPClassUID, value).good() && !value.empty()
            ? value.c_str()
            : UID_SecondaryCaptureImageStorage;
    if (!haveInstance)
        sopInstance = ds->findAndGetOFString(DCM_SOPInstanceUID, value).good() && !value.empty() ? value.c_str()
                                                                                                 : "1.2.3.4.5.6.7.8.9";
    E_TransferSyntax xfer = ds->getOriginalXfer();
    if (xfer == EXS_Unknown)
        xfer = EXS_LittleEndianImplicit;
    const char *ts = DcmXfer(xfer).getXferID();

    T_ASC_Network *net = nullptr;
    ASC_initializeNetwork(NET_REQUESTOR, 0, 30, &net);
    T_ASC_Parameters *params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, aet.c_str(), aec.c_str(), nullptr);
    const std::string peer = host + ":" + port;
    ASC_setPresentationAddresses(params, "localhost", peer.c_str());
    const char *syntaxes[] = {ts};
    ASC_addPresentationContext(params, 1, sopClass.c_str(), syntaxes, 1);
    T_ASC_Association *assoc = nullptr;
    OFCondition cond = ASC_requestAssociation(net, params, &assoc);
    if (cond.bad() || ASC_countAcceptedPresentationContexts(params) == 0) {
        std::printf("association failed: %s\n", cond.text());
        return 2;
    }
    T_DIMSE_C_StoreRQ req {};
    req.MessageID = assoc->nextMsgID++;
    OFStandard::strlcpy(req.AffectedSOPClassUID, sopClass.c_str(), sizeof(req.AffectedSOPClassUID));
    OFStandard::strlcpy(req.AffectedSOPInstanceUID, sopInstance.c_str(), sizeof(req.AffectedSOPInstanceUID));
    req.DataSetType = DIMSE_DATASET_PRESENT;
    req.Priority = DIMSE_PRIORITY_MEDIUM;
    T_DIMSE_C_StoreRSP rsp {};
    DcmDataset *detail = nullptr;
    cond = DIMSE_storeUser(assoc, 1, &req, nullptr, ds, nullptr, nullptr, DIMSE_BLOCKING, 0, &rsp, &detail);
    if (cond.bad()) {
        std::printf("store failed: %s\n", cond.text());
        ASC_abortAssociation(assoc);
        return 3;
    }
    OFString comment;
    if (detail)
        detail->findAndGetOFString(DCM_ErrorComment, comment);
    std::printf("status=0x%04X comment=%s\n", rsp.DimseStatus, comment.c_str());
    delete detail;
    ASC_releaseAssociation(assoc);
    ASC_destroyAssociation(&assoc);
    ASC_dropNetwork(&net);
    return 0;
}

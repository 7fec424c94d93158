#pragma once

#include "core/common/DicomNode.h"
#include "core/net/StoreScu.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmnet/assoc.h>

namespace lightbox {

/// How one C-STORE request goes out on an open association. Internal to core/net.
struct StoreRequestOptions
{
    int timeoutSeconds = 30;
    DicomNode remote; ///< For messages.
    QString callingAe; ///< For messages.
    /// C-GET: the requester stores, so only contexts it accepted with the SCP role (role selection) may carry it.
    bool requireRemoteScpRole = false;
    QString moveOriginatorAe; ///< C-MOVE sub-operations: who asked for the move.
    quint16 moveOriginatorMessageId = 0;
};

/// Sends @p dataset with a C-STORE request on @p association, converting it to the accepted transfer syntax when
/// it has to (and can). Shared by StoreScu and the listener's C-GET sub-operations.
/// @param original the transfer syntax the data set was read in.
/// @param networkFailed set to true when the association is no longer usable (the caller aborts it).
/// @return the outcome.
StoreResult sendStoreRequest(T_ASC_Association *association, DcmDataset *dataset, E_TransferSyntax original,
                             const StoreRequestOptions &options, bool *networkFailed);

} // namespace lightbox

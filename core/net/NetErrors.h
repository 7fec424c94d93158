#pragma once

#include "core/common/DicomNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/ofstd/ofcond.h>

#include <QString>

namespace lightbox {

/// Turns a failed association request into the plain words a technician needs: connection refused,
/// host not found, timeout, association rejected (saying whether the called or the calling AE title was
/// not recognised), no presentation context. Internal to core/net and the SCUs.
QString describeAssociationFailure(const OFCondition &cond, T_ASC_Parameters *params, const DicomNode &remote,
                                   const QString &callingAe, int timeoutSeconds);

/// The meaning of a DIMSE status code in plain words ("0xA700 refused: out of resources").
QString describeDimseStatus(quint16 status);

/// The meaning of the final status of a C-MOVE or C-GET in plain words ("0xA801 refused: the remote does not know
/// the move destination \"WS7\" ..."). @param moveDestination the AE title asked for (C-MOVE), else empty.
QString describeRetrieveStatus(quint16 status, const QString &moveDestination = {});

} // namespace lightbox

#pragma once

#include "core/common/DicomNode.h"

#include <QString>

namespace lightbox {

/// The outcome of a C-ECHO: success with the round trip, or the reason in plain words.
struct EchoResult
{
    bool ok = false;
    double roundTripMs = 0; ///< Association + echo + release, as a technician experiences it.
    QString error; ///< Plain words, e.g. "connection refused: nothing listens on 10.0.0.5:104".
    QString detail; ///< The DCMTK condition or DIMSE status behind it, for the log.
};

/// Verification SCU: C-ECHO to a remote node. Blocking; call it off the GUI thread.
class EchoScu
{
public:
    /// @param remote the node to test.
    /// @param callingAe our AE title as the remote will see it.
    /// @param timeoutSeconds for connecting and for each answer.
    static EchoResult echo(const DicomNode &remote, const QString &callingAe, int timeoutSeconds = 10);
};

} // namespace lightbox

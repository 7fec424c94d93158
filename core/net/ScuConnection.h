#pragma once

// Internal to core/net: the association an SCU opens (C-FIND, C-MOVE, C-GET), with the plain-words reasons
// of NetErrors when it cannot be opened. DCMTK types stay in this folder.

#include "core/common/DicomNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>

#include <QString>

#include <string>
#include <vector>

namespace lightbox {

/// One presentation context to propose: an abstract syntax, its transfer syntaxes in order of preference, and
/// the role we take (ASC_SC_ROLE_SCP for the storage contexts of C-GET, on which the remote sends to us).
struct ScuContext
{
    std::string abstractSyntax;
    std::vector<std::string> transferSyntaxes;
    T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT;
};

/// An association opened by an SCU; aborted when destroyed if still open. One object per thread.
class ScuConnection
{
public:
    ScuConnection() = default;
    ~ScuConnection();
    ScuConnection(const ScuConnection &) = delete;
    ScuConnection &operator=(const ScuConnection &) = delete;

    /// Resolves the host, connects and negotiates @p contexts (at most 128).
    /// @param timeoutSeconds for connecting and for each answer of the remote.
    /// @return true when the association is open; else false with error() in plain words and detail() for the log.
    bool open(const DicomNode &remote, const QString &callingAe, const std::vector<ScuContext> &contexts,
              int timeoutSeconds);

    /// The accepted context for @p abstractSyntax (0 when the remote refused it), preferring @p transferSyntax.
    T_ASC_PresentationContextID acceptedContext(const char *abstractSyntax, const char *transferSyntax = nullptr) const;
    /// The transfer syntax the remote accepted on context @p id ("" if none).
    std::string acceptedTransferSyntax(T_ASC_PresentationContextID id) const;
    /// The role the remote accepted on context @p id.
    T_ASC_SC_ROLE acceptedRole(T_ASC_PresentationContextID id) const;

    T_ASC_Association *association() const { return m_association; }
    bool isOpen() const { return m_association != nullptr; }
    /// The next DIMSE message ID on this association.
    DIC_US nextMessageId();

    /// A-RELEASE (A-ABORT when the remote does not confirm), then closes the network.
    /// @return false when no association was open or the remote did not confirm the release.
    bool release();
    /// A-ABORT, then closes the network.
    void abort();

    QString error() const { return m_error; }
    QString detail() const { return m_detail; }
    const DicomNode &remote() const { return m_remote; }
    const QString &callingAe() const { return m_callingAe; }
    int timeoutSeconds() const { return m_timeout; }

    /// Plain words for a DIMSE-level failure (network lost, timeout) while a request runs on this association.
    /// @param request what was asked, for the message ("query", "retrieve").
    QString describeNetworkFailure(const OFCondition &cond, const QString &request) const;

private:
    bool close(bool releaseFirst);

    T_ASC_Network *m_network = nullptr;
    T_ASC_Association *m_association = nullptr;
    DicomNode m_remote;
    QString m_callingAe;
    int m_timeout = 30;
    QString m_error;
    QString m_detail;
};

} // namespace lightbox

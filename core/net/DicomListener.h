#pragma once

#include "core/common/DicomNode.h"
#include "core/common/NodeSettings.h"
#include "core/net/AssociationInfo.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace lightbox {

class InstanceSink;
class QueryProvider;
struct ListenerContext;
class ListenerPool;

/// The always-on DICOM receiver: a DCMTK SCP pool on its own threads answering C-ECHO and C-STORE for
/// every storage SOP class in every transfer syntax, handing each received file to an InstanceSink; and, with a
/// QueryProvider, C-FIND, C-MOVE and C-GET (Patient and Study Root) for other nodes that query and retrieve.
/// Nagle is off on every socket. Signals are emitted from listener threads (use queued connections).
class DicomListener : public QObject
{
    Q_OBJECT

public:
    /// @param sink receives every instance; must outlive the listener.
    explicit DicomListener(InstanceSink *sink, QObject *parent = nullptr);
    ~DicomListener() override;

    /// Serves C-FIND, C-MOVE and C-GET from @p provider (must outlive the listener); without one they are not
    /// negotiated. Takes effect at the next start().
    void setQueryProvider(QueryProvider *provider) { m_queries = provider; }
    /// How a C-MOVE's Move Destination AE title becomes a node (the destinations table). Called from listener
    /// threads: must be thread-safe. Without one, every C-MOVE is answered 0xA801 (destination unknown).
    void setMoveDestinationResolver(std::function<std::optional<DicomNode>(const QString &aeTitle)> resolver)
    {
        m_resolveMoveDestination = std::move(resolver);
    }

    /// Starts listening on all interfaces at settings.port.
    /// @param incomingDir where files are received before the sink takes them (same file system as storage).
    /// @param error set to a plain-words reason on failure (port in use, no permission).
    /// @return true when the listener is accepting associations.
    bool start(const NodeSettings &settings, const QString &incomingDir, QString *error = nullptr);

    /// Stops accepting new associations, lets the ones in flight finish, then returns.
    void stop();

    /// Closes the listening socket (callers on its port are refused from then on) without waiting for the
    /// associations in flight: they finish on their own threads; stop() or the destructor waits for them.
    /// Blocks until the socket is closed, at most about a second.
    void stopAccepting();

    /// True while the listening socket accepts associations (not after stopAccepting()).
    bool isListening() const;
    /// Associations being served right now.
    int openAssociations() const;
    const NodeSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void associationStarted(const lightbox::AssociationInfo &info);
    void associationFinished(const lightbox::AssociationSummary &summary);
    /// The listener stopped on its own (e.g. the network failed); @p reason in plain words.
    void listenerFailed(const QString &reason);

private:
    struct Runner;
    InstanceSink *m_sink;
    QueryProvider *m_queries = nullptr;
    std::function<std::optional<DicomNode>(const QString &)> m_resolveMoveDestination;
    NodeSettings m_settings;
    std::unique_ptr<Runner> m_runner;
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::AssociationInfo)
Q_DECLARE_METATYPE(lightbox::AssociationSummary)

#pragma once

#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/net/AssociationInfo.h"
#include "core/service/Deletion.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QLockFile;

namespace lightbox {

class DicomListener;
class FileStore;
class IndexWriter;
class Ingest;
class IndexReader;
class InstanceSink;
class IndexQueryProvider;
class SyncService;

/// The Lightbox service: owns the storage folder (lock file), the index writer, the file store, the ingest
/// path and the DICOM listener. The GUI and `lightbox --headless` both run exactly this object.
class Workstation : public QObject
{
    Q_OBJECT

public:
    Workstation(const StorageLocation &location, const NodeSettings &settings, QObject *parent = nullptr);
    ~Workstation() override;

    /// Locks the storage folder, opens the index, clears stale temporary files, starts the listener, and
    /// reconciles files the index lacks in the background. @return false with @p error in plain words.
    bool start(QString *error = nullptr);
    /// As start(), but a listener that cannot start (port in use, no permission) does not stop the rest: the
    /// storage, index and imports work, and @p listenerError says why nothing is received. The GUI uses this, so
    /// a technician sees the reason in the window instead of a program that does not open.
    bool start(QString *error, QString *listenerError);
    /// True while the DICOM listener accepts associations.
    bool isListening() const { return m_listener != nullptr; }
    /// Stops the listener after the associations in flight, then closes the index.
    void stop();

    /// Restarts the listener with new node settings (port, AE title, called-AE check, whitelist, pool size)
    /// without dropping associations in flight: the old listening socket closes, its associations finish on
    /// their own threads, and a new listener accepts with @p settings. The storage folder is not changed here
    /// (it applies at the next start). On a new port the new listener binds before the old one closes; on the
    /// same port the old socket closes first. Call on the Workstation's thread.
    /// @return false with @p error in plain words when the new listener cannot start; the previous listener
    ///         then keeps (or, on the same port, resumes) receiving with the previous settings.
    bool applyNodeSettings(const NodeSettings &settings, QString *error = nullptr);

    /// Rebuilds the index from the files (the files are the truth). The storage folder must not be in use.
    /// @return false with @p error set; @p summary receives a line for the user.
    static bool reindex(const StorageLocation &location, QString *summary, QString *error);

    const StorageLocation &location() const { return m_location; }
    const NodeSettings &settings() const { return m_settings; }
    DicomListener *listener() const { return m_listener.get(); }
    IndexWriter *index() const { return m_index.get(); }
    /// The one path instances enter by (network and imports); valid between start() and stop().
    InstanceSink *ingest() const;
    FileStore *store() const { return m_store.get(); }
    /// Sync to the destinations with the Sync role; valid between start() and stop().
    SyncService *sync() const { return m_sync.get(); }
    /// The destinations table (see destinations::load). The listener resolves C-MOVE destinations here, by AE
    /// title. Thread-safe; a change applies to the next C-MOVE.
    void setDestinations(const QList<Destination> &list);
    QList<Destination> destinations() const;

    /// Resolves when the start-up reconciliation has finished.
    QFuture<void> reconciliation() const { return m_reconcile; }

    /// Deletes whole studies: their index rows (a patient left without studies goes too) and their files, in
    /// the background (crash-safe, see Deletion). Call from any thread, the GUI's included: it does not block.
    /// studiesChanged() and seriesRemoved() report the change. @return the outcome once rows and files are gone.
    QFuture<DeleteResult> deleteStudies(const QStringList &studyInstanceUids);
    /// Deletes series (rows and files); their studies' counts are updated, a study left empty goes.
    QFuture<DeleteResult> deleteSeries(const QStringList &seriesInstanceUids);

Q_SIGNALS:
    /// Studies whose index rows changed and when that commit happened (ms since the epoch). Emitted from the
    /// index writer thread; connect queued.
    void studiesChanged(const QStringList &studyInstanceUids, qint64 committedAtMs);
    void associationStarted(const lightbox::AssociationInfo &info);
    void associationFinished(const lightbox::AssociationSummary &summary);
    /// applyNodeSettings() replaced the listener: settings() and listener() are new.
    void listenerRestarted();
    void listenerFailed(const QString &reason);
    /// Series whose rows a deletion removed (their files follow), e.g. to drop their thumbnails. Emitted from a
    /// worker thread; connect queued.
    void seriesRemoved(const QStringList &seriesInstanceUids);

private:
    bool lockStorage(QString *error);
    void removeStaleIncoming();
    /// Publishes the listener receiving now for command-line verbs (StorageLocation::listenerInfoPath()).
    void updatePublishedListener();
    void removeRowsWithoutFiles(IndexReader &reader, qint64 sinceMs);
    std::unique_ptr<DicomListener> makeListener();
    /// Lets a listener that no longer accepts finish its associations in the background.
    void retire(std::unique_ptr<DicomListener> listener);
    void waitForRetiredListeners();

    StorageLocation m_location;
    NodeSettings m_settings;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<IndexWriter> m_index;
    std::unique_ptr<FileStore> m_store;
    std::unique_ptr<Ingest> m_ingest;
    std::unique_ptr<IndexQueryProvider> m_queries;
    std::unique_ptr<DicomListener> m_listener;
    mutable QMutex m_destinationsMutex;
    QList<Destination> m_destinations;
    bool m_destinationsKnown = false; ///< setDestinations() was called (sync drops rows of non-targets only then).
    /// Listeners replaced by applyNodeSettings() whose associations are still finishing.
    QList<QPair<std::shared_ptr<DicomListener>, QFuture<void>>> m_retired;
    std::unique_ptr<Deletion> m_deletion;
    std::unique_ptr<SyncService> m_sync;
    QFuture<void> m_reconcile;
    std::atomic<bool> m_cancelReconcile {false};
};

/// Takes the storage folder's lock for a process that will write to it (e.g. reindex).
/// @return the held lock, or nullptr with @p error naming the process that holds it.
std::unique_ptr<QLockFile> lockStorageFolder(const StorageLocation &location, QString *error);

} // namespace lightbox

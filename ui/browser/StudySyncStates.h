#pragma once

#include "core/index/SyncOutbox.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace lightbox {

class IndexReader;
class SyncService;

/// The "Sync" column of a study list: the sync state of the studies the list holds, read from the index's outbox
/// (IndexReader::syncStates) in batches off the GUI thread, with "Sending" overlaid from the sync service (it is
/// never stored). The service's notices are coalesced (150 ms by default) and only the studies they name that the
/// list holds are read again, so a 500-instance sync updates a row a few times a second, not 500 times.
class StudySyncStates : public QObject
{
    Q_OBJECT
public:
    /// @param indexPath the index (read on a thread of this object's own with its own connection).
    /// @param holds whether the list holds a study now: notices of other studies are ignored.
    StudySyncStates(const QString &indexPath, std::function<bool(const QString &)> holds, QObject *parent = nullptr);
    ~StudySyncStates() override;

    /// Follows @p service's notices (nullptr: none; every study shows no state).
    void setService(SyncService *service);
    /// Reads the states of @p studyUids again (coalesced with other requests).
    void refresh(const QStringList &studyUids);
    void setCoalesceInterval(int ms) { m_coalesce.setInterval(ms); }

    /// The state of @p studyUid as last read, Sending if the service is sending it now.
    StudySync state(const QString &studyUid) const;
    /// What a list shows of @p studyUid in @p role (display text, icon, colour, tooltip), for the Sync column.
    QVariant data(const QString &studyUid, int role) const;

    /// "Pending", "Sending 480/500", "Synced" (the icon has a check when verified), "Failed"; empty for
    /// SyncState::None.
    static QString text(const StudySync &sync);
    /// The state in plain words with counts and the reason: "480 of 500 images sent. Retrying at 14:02:11 —
    /// PACS: connection refused ...".
    static QString toolTip(const StudySync &sync);
    /// A coloured mark per state (a check on green when synced and verified).
    QIcon icon(const StudySync &sync) const;
    /// The colour of the state (amber pending, blue sending, green synced, red failed).
    static QColor color(SyncState state);

Q_SIGNALS:
    /// The states of @p studyUids were read again (some may be unchanged).
    void changed(const QStringList &studyUids);

private:
    void onServiceChanged(const QStringList &studyUids);
    void flush();

    QString m_indexPath;
    std::function<bool(const QString &)> m_holds;
    QPointer<SyncService> m_service;
    QHash<QString, StudySync> m_states;
    QSet<QString> m_sending;
    QSet<QString> m_pending;
    QTimer m_coalesce;
    bool m_inFlight = false;
    QThreadPool m_pool; ///< One thread: reads run one after the other on the same connection.
    struct Reader;
    std::shared_ptr<Reader> m_reader; ///< Used by one read at a time.
    mutable QHash<int, QIcon> m_icons; ///< Painted once per state on the GUI thread.
    QMetaObject::Connection m_serviceConnection;
};

} // namespace lightbox

#pragma once

#include "core/common/Destination.h"

#include <QHash>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace lightbox {

struct EchoResult;

/// The "Destinations" page of the settings dialog: the table of remote nodes (name, AE title, host, port,
/// roles, retrieve method) with Add, Edit and Remove (in a DestinationDialog that checks every field), and an
/// Echo button per row that runs a C-ECHO off the GUI thread and shows the round trip or the reason in plain
/// words in that row. "Echo all" tests every destination at once.
class DestinationsPage : public QWidget
{
    Q_OBJECT

public:
    /// Table columns.
    enum Column {
        NameColumn,
        AeTitleColumn,
        HostColumn,
        PortColumn,
        RolesColumn,
        RetrieveColumn,
        EchoColumn,
        ResultColumn,
        ColumnCount
    };

    explicit DestinationsPage(QWidget *parent = nullptr);
    ~DestinationsPage() override;

    void setDestinations(const QList<Destination> &list);
    QList<Destination> destinations() const { return m_destinations; }
    /// Our AE title as the remotes see it in echoes (the local node's, as typed).
    void setCallingAe(const QString &aeTitle) { m_callingAe = aeTitle; }

    QTableWidget *table() const { return m_table; }
    /// Runs a C-ECHO to the destination in @p row (for DICOMweb: an authenticated QIDO-RS request with its stored
    /// secret); its result appears in the row's result cell.
    void echo(int row);
    /// Echoes every destination in parallel.
    void echoAll();
    /// The text of @p row's echo result ("OK · 3 ms", "Failed: connection refused …", "Testing…", or empty).
    QString echoResultText(int row) const;
    /// Echoes started and not yet answered.
    int echoesRunning() const { return m_running; }

Q_SIGNALS:
    /// A destination was added, edited or removed.
    void changed();
    /// An echo finished (its result is in the row of @p name).
    void echoFinished(const QString &name);

private:
    struct EchoView
    {
        quint64 generation = 0; ///< Results of an echo started before an edit are dropped.
        bool running = false;
        bool ok = false;
        QString text;
        QString detail;
    };

    void rebuildTable();
    void showResult(int row);
    void addDestination();
    void editDestination();
    void removeDestination();
    void updateButtons();
    int currentRow() const;
    void onEchoDone(const QString &key, quint64 generation, const EchoResult &result);

    QList<Destination> m_destinations;
    QHash<QString, EchoView> m_echoes; ///< By lower-case destination name.
    quint64 m_nextGeneration = 1;
    int m_running = 0;
    QString m_callingAe;
    QTableWidget *m_table = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_echoAll = nullptr;
};

} // namespace lightbox

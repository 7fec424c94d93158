#include "ui/settings/DestinationsPage.h"

#include "core/common/Credentials.h"
#include "core/net/EchoScu.h"
#include "core/web/DicomWebClient.h"
#include "ui/settings/DestinationDialog.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace lightbox {
namespace {

// Echoes wait on the network (up to their timeout): keep them off the shared pool that decodes images, and let
// "Echo all" test every destination at once.
QThreadPool *echoPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(qApp);
        p->setMaxThreadCount(8);
        return p;
    }();
    return pool;
}

QString key(const QString &name)
{
    return name.trimmed().toLower();
}

QString rolesText(Destination::Roles roles)
{
    QStringList parts;
    if (roles.testFlag(Destination::Send))
        parts << DestinationsPage::tr("send");
    if (roles.testFlag(Destination::QueryRetrieve))
        parts << DestinationsPage::tr("query/retrieve");
    if (roles.testFlag(Destination::Sync))
        parts << DestinationsPage::tr("sync");
    return parts.join(QStringLiteral(", "));
}

// A DICOMweb "echo": an authenticated QIDO-RS request with the stored secret, in the words of a C-ECHO result.
EchoResult echoWeb(const Destination &d)
{
    EchoResult r;
    QString why;
    const std::optional<QString> secret
        = d.auth == Destination::WebAuth::None ? std::optional<QString>(QString()) : credentials::load(d.name, &why);
    if (!secret) {
        r.error
            = why.isEmpty() ? DestinationsPage::tr("no password is stored: edit the destination and enter it") : why;
        return r;
    }
    const WebEchoResult web = DicomWebClient(d, *secret, 10).echo();
    r.ok = web.ok;
    r.roundTripMs = web.elapsedMs;
    r.error = web.error;
    if (web.httpStatus > 0)
        r.detail = QStringLiteral("HTTP %1").arg(web.httpStatus);
    return r;
}

QString roundTrip(double ms)
{
    return QString::number(ms, 'f', ms < 10 ? 1 : 0);
}

} // namespace

DestinationsPage::DestinationsPage(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("destinations"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("AE title"), tr("Host"), tr("Port"), tr("Roles"), tr("Retrieve"),
                                        QString(), tr("Echo result")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    // The reason for a failed echo is a sentence: show all of it.
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DestinationsPage::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { editDestination(); });

    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(QStringLiteral("addDestination"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editDestination"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeDestination"));
    m_echoAll = new QPushButton(tr("Echo A&ll"), this);
    m_echoAll->setObjectName(QStringLiteral("echoAll"));
    m_echoAll->setToolTip(tr("Test the connection to every destination (C-ECHO, or a query for DICOMweb)"));
    connect(add, &QPushButton::clicked, this, &DestinationsPage::addDestination);
    connect(m_edit, &QPushButton::clicked, this, &DestinationsPage::editDestination);
    connect(m_remove, &QPushButton::clicked, this, &DestinationsPage::removeDestination);
    connect(m_echoAll, &QPushButton::clicked, this, &DestinationsPage::echoAll);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_echoAll);

    auto *hint = new QLabel(tr("Servers and workstations this one sends to, queries and retrieves from. For C-MOVE "
                               "the remote must also know this workstation (its AE title, host and port)."),
                            this);
    hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    updateButtons();
}

DestinationsPage::~DestinationsPage() = default;

void DestinationsPage::setDestinations(const QList<Destination> &list)
{
    m_destinations = list;
    m_echoes.clear();
    rebuildTable();
}

void DestinationsPage::rebuildTable()
{
    const int selected = currentRow();
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(m_destinations.size()));
    for (int row = 0; row < m_destinations.size(); ++row) {
        const Destination &d = m_destinations[row];
        const bool dicom = d.kind == Destination::Kind::Dicom;
        const auto cell = [this, row](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            m_table->setItem(row, column, item);
            return item;
        };
        cell(NameColumn, d.name);
        cell(AeTitleColumn, d.node.aeTitle);
        cell(HostColumn, dicom ? d.node.host : d.url);
        cell(PortColumn, dicom ? QString::number(d.node.port) : QString());
        cell(RolesColumn, rolesText(d.roles));
        cell(RetrieveColumn,
             !dicom                                               ? QStringLiteral("DICOMweb")
                 : d.retrieve == Destination::RetrieveMethod::Get ? QStringLiteral("C-GET")
                                                                  : QStringLiteral("C-MOVE"));
        cell(ResultColumn, QString());
        auto *button = new QPushButton(tr("Echo"), m_table);
        button->setObjectName(QStringLiteral("echo"));
        button->setToolTip(dicom ? tr("Test the connection to %1 (C-ECHO)").arg(d.name)
                                 : tr("Test the connection and the login to %1 (DICOMweb query)").arg(d.name));
        const QString name = d.name;
        connect(button, &QPushButton::clicked, this, [this, name] {
            for (int r = 0; r < m_destinations.size(); ++r) {
                if (key(m_destinations[r].name) == key(name))
                    echo(r);
            }
        });
        m_table->setCellWidget(row, EchoColumn, button);
        showResult(row);
    }
    if (selected >= 0 && selected < m_table->rowCount())
        m_table->selectRow(selected);
    updateButtons();
}

void DestinationsPage::showResult(int row)
{
    QTableWidgetItem *item = m_table->item(row, ResultColumn);
    if (!item)
        return;
    const EchoView view = m_echoes.value(key(m_destinations[row].name));
    item->setText(view.text);
    item->setToolTip(view.detail.isEmpty() ? view.text
                                           : view.text + QStringLiteral("\n(") + view.detail + QLatin1Char(')'));
    if (view.running || view.text.isEmpty())
        item->setForeground(palette().color(QPalette::Text));
    else
        item->setForeground(view.ok ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc0, 0x39, 0x2b));
    m_table->resizeRowToContents(row);
}

QString DestinationsPage::echoResultText(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, ResultColumn);
    return item ? item->text() : QString();
}

void DestinationsPage::echo(int row)
{
    if (row < 0 || row >= m_destinations.size())
        return;
    const Destination d = m_destinations[row];
    const QString k = key(d.name);
    EchoView &view = m_echoes[k];
    if (view.running)
        return;
    view = EchoView {m_nextGeneration++, true, false, tr("Testing…"), {}};
    const quint64 generation = view.generation;
    showResult(row);
    ++m_running;

    const DicomNode node = d.node;
    const QString callingAe = m_callingAe;
    auto *watcher = new QFutureWatcher<EchoResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, k, generation] {
        watcher->deleteLater();
        onEchoDone(k, generation, watcher->result());
    });
    if (d.kind == Destination::Kind::DicomWeb)
        // The secret is read on the worker too: a keyring may take a moment.
        watcher->setFuture(QtConcurrent::run(echoPool(), [d] { return echoWeb(d); }));
    else
        watcher->setFuture(QtConcurrent::run(echoPool(), [node, callingAe] { return EchoScu::echo(node, callingAe); }));
}

void DestinationsPage::echoAll()
{
    for (int row = 0; row < m_destinations.size(); ++row)
        echo(row);
}

void DestinationsPage::onEchoDone(const QString &k, quint64 generation, const EchoResult &result)
{
    --m_running;
    auto it = m_echoes.find(k);
    if (it == m_echoes.end() || it->generation != generation)
        return; // the destination was edited or removed meanwhile
    it->running = false;
    it->ok = result.ok;
    it->text = result.ok ? tr("OK · %1 ms").arg(roundTrip(result.roundTripMs)) : tr("Failed: %1").arg(result.error);
    it->detail = result.detail;
    QString name;
    for (int row = 0; row < m_destinations.size(); ++row) {
        if (key(m_destinations[row].name) == k) {
            showResult(row);
            name = m_destinations[row].name;
        }
    }
    Q_EMIT echoFinished(name);
}

int DestinationsPage::currentRow() const
{
    const QList<QModelIndex> rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void DestinationsPage::updateButtons()
{
    const int row = currentRow();
    m_edit->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_echoAll->setEnabled(!m_destinations.isEmpty());
}

void DestinationsPage::addDestination()
{
    Destination fresh;
    fresh.node.port = 104;
    DestinationDialog dialog(fresh, m_destinations, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_destinations.append(dialog.destination());
    rebuildTable();
    m_table->selectRow(static_cast<int>(m_destinations.size()) - 1);
    Q_EMIT changed();
}

void DestinationsPage::editDestination()
{
    const int row = currentRow();
    if (row < 0)
        return;
    QList<Destination> others = m_destinations;
    others.removeAt(row);
    DestinationDialog dialog(m_destinations[row], others, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_echoes.remove(key(m_destinations[row].name));
    m_destinations[row] = dialog.destination();
    m_echoes.remove(key(m_destinations[row].name));
    rebuildTable();
    Q_EMIT changed();
}

void DestinationsPage::removeDestination()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_echoes.remove(key(m_destinations[row].name));
    m_destinations.removeAt(row);
    rebuildTable();
    Q_EMIT changed();
}

} // namespace lightbox

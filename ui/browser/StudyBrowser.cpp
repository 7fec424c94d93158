#include "ui/browser/StudyBrowser.h"

#include "ui/browser/RemoteSeriesPanel.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/browser/StudySyncStates.h"
#include "ui/browser/UnifiedStudyModel.h"
#include "ui/common/DicomFormat.h"

#include <QDataStream>
#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace lightbox {
namespace {

// A list of studies: whole rows, several at once, read-only, compact rows, a context menu.
QTableView *newStudyTable(const QString &name, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    return view;
}

} // namespace

StudyBrowser::StudyBrowser(const QString &indexPath, const QString &filesDir, const QString &thumbnailDir,
                           QWidget *parent)
    : QWidget(parent)
    , m_model(new StudyListModel(indexPath, this))
    , m_unified(new UnifiedStudyModel(indexPath, this))
{
    m_filters = new StudyFilterBar(this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("studyCount"));

    m_view = newStudyTable(QStringLiteral("studyView"), m_model, this);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(StudyListModel::StudyDate, Qt::DescendingOrder);
    m_sortSection = StudyListModel::StudyDate;
    // The index orders by its own columns only: a click on "Sync" leaves the order (and its indicator) as it was.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) {
                if (section != StudyListModel::Sync) {
                    m_sortSection = section;
                    return;
                }
                const QSignalBlocker block(m_view->horizontalHeader());
                m_view->horizontalHeader()->setSortIndicator(m_sortSection, order);
                m_model->sort(m_sortSection, order);
            });
    // Widths from what the columns show in this locale (a date in German is shorter than in English).
    const QFontMetrics fm = m_view->fontMetrics();
    const auto fit = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 24; };
    const QString sampleDate = dicomformat::date(QStringLiteral("20261231"));
    m_view->setColumnWidth(StudyListModel::PatientName, fit(QStringLiteral("KOWALSKI-WIŚNIEWSKA, Maria")));
    m_view->setColumnWidth(StudyListModel::PatientId, fit(QStringLiteral("LB-1000000")));
    m_view->setColumnWidth(StudyListModel::BirthDate, fit(sampleDate));
    m_view->setColumnWidth(StudyListModel::Sex, fit(tr("Sex")));
    m_view->setColumnWidth(StudyListModel::StudyDate, fit(sampleDate + QStringLiteral(" 23:59")));
    m_view->setColumnWidth(StudyListModel::Modalities, fit(QStringLiteral("CT, PT, SR")));
    m_view->setColumnWidth(StudyListModel::Description, fit(QStringLiteral("CT Chest with contrast xx")));
    m_view->setColumnWidth(StudyListModel::Accession, fit(QStringLiteral("CT2611280442")));
    m_view->setColumnWidth(StudyListModel::SeriesCount, fit(tr("Series")));
    m_view->setColumnWidth(StudyListModel::InstanceCount, fit(tr("Images")));
    const int syncWidth = fit(tr("Sending 480/500")) + m_view->iconSize().width() + 4;
    m_view->setColumnWidth(
        StudyListModel::Received,
        fit(QLocale().toString(QDateTime(QDate(2026, 12, 31), QTime(23, 59)), QLocale::ShortFormat)));
    m_view->setColumnWidth(StudyListModel::Sync, syncWidth);
    // Beside the counts, where a window of the default width still shows it; "Received" stays last and stretches.
    m_view->horizontalHeader()->moveSection(StudyListModel::Sync, StudyListModel::Received);

    // The unified list (remote sources): the same columns after a "Where" column.
    m_remoteView = newStudyTable(QStringLiteral("remoteStudyView"), m_unified, this);
    m_remoteView->horizontalHeader()->setHighlightSections(false);
    m_remoteView->horizontalHeader()->setStretchLastSection(true);
    m_remoteView->setSortingEnabled(true);
    m_remoteView->sortByColumn(UnifiedStudyModel::StudyDate, Qt::DescendingOrder);
    m_remoteView->setColumnWidth(UnifiedStudyModel::Location, fit(tr("Remote")) + 12);
    for (int c = UnifiedStudyModel::PatientName; c <= UnifiedStudyModel::InstanceCount; ++c)
        m_remoteView->setColumnWidth(c, m_view->columnWidth(c - UnifiedStudyModel::PatientName));
    m_remoteView->setColumnWidth(UnifiedStudyModel::Sync, syncWidth);
    m_remoteView->setColumnWidth(UnifiedStudyModel::InstanceCount, fit(QStringLiteral("999 of 999")));
    // Room for "Where" without pushing the counts out of a window of the default width.
    m_remoteView->setColumnWidth(UnifiedStudyModel::Description,
                                 m_view->columnWidth(StudyListModel::Description) - fm.averageCharWidth() * 5);

    m_viewStack = new QStackedWidget(this);
    m_viewStack->addWidget(m_view);
    m_viewStack->addWidget(m_remoteView);

    m_series = new SeriesPanel(m_model->worker(), filesDir, thumbnailDir, this);
    m_remoteSeries = new RemoteSeriesPanel(this);
    m_seriesStack = new QStackedWidget(this);
    m_seriesStack->addWidget(m_series);
    m_seriesStack->addWidget(m_remoteSeries);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("remoteBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setVisible(false);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("browserSplitter"));
    m_splitter->addWidget(m_viewStack);
    m_splitter->addWidget(m_seriesStack);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({520, 200});

    auto *top = new QHBoxLayout;
    top->addWidget(m_filters, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);

    connect(m_filters, &StudyFilterBar::filtersChanged, m_model, &StudyListModel::setQuery);
    connect(m_filters, &StudyFilterBar::filtersChanged, this, [this](const StudyQuery &filters) {
        if (isRemote())
            m_unified->setQuery(filters);
    });
    connect(m_filters, &StudyFilterBar::sourceChanged, this, &StudyBrowser::applySource);
    connect(m_unified, &UnifiedStudyModel::searchStarted, this, &StudyBrowser::updateRemoteState);
    connect(m_unified, &UnifiedStudyModel::searchFinished, this, &StudyBrowser::updateRemoteState);
    connect(m_unified, &QAbstractItemModel::rowsInserted, this, &StudyBrowser::updateRemoteState);
    connect(m_unified, &QAbstractItemModel::rowsRemoved, this, &StudyBrowser::updateRemoteState);
    connect(m_unified, &UnifiedStudyModel::studyUpdated, this, [this](const QString &studyUid) {
        const int row = currentRemoteRow();
        if (row >= 0 && m_unified->studyAt(row).studyInstanceUid == studyUid) {
            showSeriesOfRemoteSelection();
            m_series->refreshIfShown(studyUid);
        }
        updateRemoteState();
        Q_EMIT selectionChanged();
    });
    connect(m_remoteView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const UnifiedStudy &study = m_unified->studyAt(index.row());
        if (UnifiedStudyModel::presenceOf(study) == UnifiedStudyModel::RemoteOnly)
            Q_EMIT retrieveRequested({study.studyInstanceUid});
        else
            Q_EMIT openStudyRequested(study.studyInstanceUid);
    });
    connect(m_remoteView, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { Q_EMIT contextMenuRequested(m_remoteView->viewport()->mapToGlobal(pos)); });
    connect(m_remoteView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSeriesOfRemoteSelection();
        Q_EMIT selectionChanged();
    });
    connect(m_remoteView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StudyBrowser::showSeriesOfRemoteSelection);
    connect(m_unified, &QAbstractItemModel::modelReset, this, &StudyBrowser::showSeriesOfRemoteSelection);
    connect(m_remoteSeries, &RemoteSeriesPanel::retrieveRequested, this, &StudyBrowser::retrieveSeriesRequested);
    connect(m_model, &StudyListModel::queryFinished, this, &StudyBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        keepScrollOnInsert(first, last);
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &StudyBrowser::updateCount);
    connect(m_model, &StudyListModel::studyUpdated, m_series, &SeriesPanel::refreshIfShown);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openStudyRequested(index.data(StudyListModel::StudyUidRole).toString());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { Q_EMIT contextMenuRequested(m_view->viewport()->mapToGlobal(pos)); });
    // While a remote source is shown, the local list keeps following the search and arrivals out of sight; the
    // series panel then follows the unified list instead.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (isRemote())
            return;
        m_series->showStudy(currentStudyUid());
        Q_EMIT selectionChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!isRemote())
            m_series->showStudy(currentStudyUid());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (isRemote())
            return;
        if (m_series->studyUid().isEmpty() || m_model->rowOf(m_series->studyUid()) < 0)
            m_series->showStudy({});
        else
            selectStudy(m_series->studyUid());
    });
    connect(m_series, &SeriesPanel::openSeriesRequested, this, &StudyBrowser::openSeriesRequested);

    m_emptyHint = new QLabel(m_view->viewport());
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false);
    m_view->viewport()->installEventFilter(this);
    m_remoteHint = new QLabel(m_remoteView->viewport());
    m_remoteHint->setObjectName(QStringLiteral("remoteEmptyHint"));
    m_remoteHint->setAlignment(Qt::AlignCenter);
    m_remoteHint->setWordWrap(true);
    m_remoteHint->setEnabled(false);
    m_remoteView->viewport()->installEventFilter(this);
    updateCount();
}

void StudyBrowser::setSyncService(SyncService *service)
{
    m_model->syncStates()->setService(service);
    m_unified->syncStates()->setService(service);
}

void StudyBrowser::setSyncColumnVisible(bool visible)
{
    m_view->setColumnHidden(StudyListModel::Sync, !visible);
    m_remoteView->setColumnHidden(UnifiedStudyModel::Sync, !visible);
}

bool StudyBrowser::isSyncColumnVisible() const
{
    return !m_view->isColumnHidden(StudyListModel::Sync);
}

void StudyBrowser::setRemoteSources(const QList<Destination> &destinations, const QString &callingAe)
{
    m_destinations.clear();
    QStringList names;
    for (const Destination &d : destinations) {
        if (d.roles.testFlag(Destination::QueryRetrieve) && d.kind == Destination::Kind::Dicom) {
            m_destinations << d;
            names << d.name;
        }
    }
    m_callingAe = callingAe;
    const QSignalBlocker block(m_filters);
    const QString before = m_filters->remoteSource();
    m_filters->setRemoteSources(names);
    // Settings may have changed its address, AE title or retrieve method: search again with the new ones.
    if (!before.isEmpty() || isRemote())
        applySource();
}

std::optional<Destination> StudyBrowser::remoteSource() const
{
    const QString name = m_filters->remoteSource();
    return name.isEmpty() ? std::nullopt : destinations::byName(m_destinations, name);
}

bool StudyBrowser::isRemote() const
{
    return m_viewStack->currentWidget() == m_remoteView;
}

void StudyBrowser::applySource()
{
    const std::optional<Destination> source = remoteSource();
    if (!source) {
        m_viewStack->setCurrentWidget(m_view);
        m_seriesStack->setCurrentWidget(m_series);
        m_series->showStudy(currentStudyUid());
        m_remoteSeries->setSource({}, m_callingAe);
        m_unified->setSource({}, m_callingAe, false);
        m_banner->setVisible(false);
        updateCount();
        Q_EMIT sourceChanged();
        Q_EMIT selectionChanged();
        return;
    }
    m_unified->setSource(*source, m_callingAe, m_filters->includeLocal());
    m_remoteSeries->setSource(*source, m_callingAe);
    m_viewStack->setCurrentWidget(m_remoteView);
    m_unified->setQuery(m_filters->filters());
    showSeriesOfRemoteSelection();
    Q_EMIT sourceChanged();
    Q_EMIT selectionChanged();
}

int StudyBrowser::currentRemoteRow() const
{
    const QModelIndexList rows = m_remoteView->selectionModel()->selectedRows();
    if (rows.size() == 1)
        return rows.first().row();
    const QModelIndex current = m_remoteView->currentIndex();
    if (!rows.isEmpty() && current.isValid() && m_remoteView->selectionModel()->isRowSelected(current.row()))
        return current.row();
    return -1;
}

void StudyBrowser::showSeriesOfRemoteSelection()
{
    if (!isRemote())
        return;
    const int row = currentRemoteRow();
    if (row < 0) {
        m_series->showStudy({});
        m_remoteSeries->showStudy({});
        return;
    }
    const UnifiedStudy &study = m_unified->studyAt(row);
    if (UnifiedStudyModel::presenceOf(study) == UnifiedStudyModel::RemoteOnly) {
        m_seriesStack->setCurrentWidget(m_remoteSeries);
        m_remoteSeries->showStudy(study.studyInstanceUid);
    } else {
        // Stored here (perhaps only partly): the local series with their thumbnails.
        m_seriesStack->setCurrentWidget(m_series);
        if (m_series->studyUid() != study.studyInstanceUid)
            m_series->showStudy(study.studyInstanceUid);
    }
}

void StudyBrowser::updateRemoteState()
{
    if (!isRemote())
        return;
    const QString name = m_unified->source().name;
    QString hint;
    if (m_unified->isSearching()) {
        m_banner->setText(tr("Searching %1…").arg(name));
        m_banner->setStyleSheet({});
        m_banner->setVisible(true);
        hint = tr("Searching %1…").arg(name);
    } else if (!m_unified->error().isEmpty()) {
        m_banner->setText(tr("%1 could not be searched: %2").arg(name, m_unified->error()));
        m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fbe3df; color: #8a1f11; padding: 6px; "
                                               "border: 1px solid #e6b0a6; border-radius: 3px; }"));
        m_banner->setVisible(true);
        hint = tr("Nothing listed: %1 did not answer (see above). Check its address in the settings, or choose "
                  "Local to search this workstation.")
                   .arg(name);
    } else if (m_unified->remoteSkipped()) {
        m_banner->setVisible(false);
        hint = tr("Type a name, patient ID or accession, or choose a study date or modality, to search %1. (To "
                  "list every study it holds, search for *.)")
                   .arg(name);
    } else {
        m_banner->setVisible(false);
        hint = tr("No studies on %1 match this search.").arg(name);
    }
    m_remoteHint->setText(hint);
    m_remoteHint->setVisible(m_unified->rowCount() == 0);
    const int total = m_unified->rowCount();
    const int remote = m_unified->remoteCount();
    int both = 0;
    for (int row = 0; row < total; ++row)
        both += UnifiedStudyModel::presenceOf(m_unified->studyAt(row)) == UnifiedStudyModel::Both ? 1 : 0;
    const QString studies = total == 1 ? tr("1 study") : tr("%1 studies").arg(QLocale().toString(total));
    if (!m_unified->error().isEmpty() || m_unified->isSearching() || m_unified->remoteSkipped())
        m_count->setText(studies);
    else
        //: %1 "12 studies", %2 a PACS name, %3 how many of its studies are on it, %4 how many of them are here too
        m_count->setText(tr("%1 · %3 on %2, %4 already here").arg(studies, name).arg(remote).arg(both));
}

void StudyBrowser::start()
{
    m_model->setQuery(m_filters->filters());
}

void StudyBrowser::setEmptyText(const QString &text)
{
    m_emptyText = text;
    updateCount();
}

bool StudyBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(40, 40, -40, -40));
    if (watched == m_remoteView->viewport() && event->type() == QEvent::Resize)
        m_remoteHint->setGeometry(m_remoteView->viewport()->rect().adjusted(40, 40, -40, -40));
    return QWidget::eventFilter(watched, event);
}

QStringList StudyBrowser::selectedStudyUids() const
{
    QStringList uids;
    if (isRemote()) {
        for (const QModelIndex &index : m_remoteView->selectionModel()->selectedRows())
            if (index.data(UnifiedStudyModel::PresenceRole).toInt() != UnifiedStudyModel::RemoteOnly)
                uids << index.data(UnifiedStudyModel::StudyUidRole).toString();
        return uids;
    }
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        uids << index.data(StudyListModel::StudyUidRole).toString();
    return uids;
}

QStringList StudyBrowser::selectedRemoteStudyUids() const
{
    QStringList uids;
    if (!isRemote())
        return uids;
    for (const QModelIndex &index : m_remoteView->selectionModel()->selectedRows())
        if (index.data(UnifiedStudyModel::PresenceRole).toInt() != UnifiedStudyModel::LocalOnly)
            uids << index.data(UnifiedStudyModel::StudyUidRole).toString();
    return uids;
}

std::optional<StudyRow> StudyBrowser::localStudy(const QString &studyUid) const
{
    if (const int row = m_model->rowOf(studyUid); row >= 0)
        return m_model->studyAt(row);
    if (const int row = m_unified->rowOf(studyUid); row >= 0)
        return m_unified->studyAt(row).local;
    return std::nullopt;
}

QString StudyBrowser::currentStudyUid() const
{
    if (isRemote()) {
        const int row = currentRemoteRow();
        if (row < 0 || UnifiedStudyModel::presenceOf(m_unified->studyAt(row)) == UnifiedStudyModel::RemoteOnly)
            return {};
        return m_unified->studyAt(row).studyInstanceUid;
    }
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() == 1)
        return rows.first().data(StudyListModel::StudyUidRole).toString();
    if (rows.isEmpty())
        return {};
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && m_view->selectionModel()->isRowSelected(current.row())
        ? m_model->index(current.row(), 0).data(StudyListModel::StudyUidRole).toString()
        : QString();
}

bool StudyBrowser::selectStudy(const QString &studyUid)
{
    QTableView *view = isRemote() ? m_remoteView : m_view;
    const int row = isRemote() ? m_unified->rowOf(studyUid) : m_model->rowOf(studyUid);
    if (row < 0)
        return false;
    const QModelIndex index = view->model()->index(row, 0);
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    return true;
}

QByteArray StudyBrowser::saveLayout() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << qint32(2) << m_view->horizontalHeader()->saveState() << m_splitter->saveState();
    return state;
}

void StudyBrowser::restoreLayout(const QByteArray &state)
{
    QDataStream in(state);
    qint32 version = 0;
    QByteArray header;
    QByteArray splitter;
    in >> version >> header >> splitter;
    if (version != 2 || in.status() != QDataStream::Ok)
        return;
    m_view->horizontalHeader()->restoreState(header);
    m_splitter->restoreState(splitter);
    // The restored header may carry another sort: make the model follow it.
    m_sortSection = m_view->horizontalHeader()->sortIndicatorSection();
    m_model->sort(m_view->horizontalHeader()->sortIndicatorSection(), m_view->horizontalHeader()->sortIndicatorOrder());
}

void StudyBrowser::updateCount()
{
    if (isRemote()) {
        updateRemoteState();
        return;
    }
    const int total = m_model->totalCount();
    m_count->setText(total == 1 ? tr("1 study") : tr("%1 studies").arg(QLocale().toString(total)));
    const StudyQuery q = m_model->query();
    const bool filtered = !q.anyText.isEmpty() || !q.modality.isEmpty() || !q.dateFrom.isEmpty() || !q.dateTo.isEmpty();
    m_emptyHint->setText(filtered ? tr("No studies match this search.") : m_emptyText);
    m_emptyHint->setVisible(m_model->rowCount() == 0);
}

void StudyBrowser::keepScrollOnInsert(int first, int last)
{
    // Rows inserted above what the user is looking at must not push it away: keep the same rows in view.
    // At the very top, new arrivals simply appear.
    QScrollBar *bar = m_view->verticalScrollBar();
    if (bar->value() == 0)
        return;
    const int top = m_view->rowAt(0);
    if (first > top)
        return;
    const int count = last - first + 1;
    if (m_view->verticalScrollMode() == QAbstractItemView::ScrollPerItem)
        bar->setValue(bar->value() + count);
    else
        bar->setValue(bar->value() + count * m_view->verticalHeader()->defaultSectionSize());
}

} // namespace lightbox

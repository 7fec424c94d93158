#include "ui/browser/StudyBrowser.h"

#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/common/DicomFormat.h"

#include <QDataStream>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lightbox {

StudyBrowser::StudyBrowser(const QString &indexPath, const QString &filesDir, const QString &thumbnailDir,
                           QWidget *parent)
    : QWidget(parent)
    , m_model(new StudyListModel(indexPath, this))
{
    m_filters = new StudyFilterBar(this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("studyCount"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("studyView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(StudyListModel::StudyDate, Qt::DescendingOrder);
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

    m_series = new SeriesPanel(m_model->worker(), filesDir, thumbnailDir, this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("browserSplitter"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_series);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({520, 200});

    auto *top = new QHBoxLayout;
    top->addWidget(m_filters, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_filters, &StudyFilterBar::filtersChanged, m_model, &StudyListModel::setQuery);
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
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_series->showStudy(currentStudyUid());
        Q_EMIT selectionChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_series->showStudy(currentStudyUid()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
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
    updateCount();
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
    return QWidget::eventFilter(watched, event);
}

QStringList StudyBrowser::selectedStudyUids() const
{
    QStringList uids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        uids << index.data(StudyListModel::StudyUidRole).toString();
    return uids;
}

QString StudyBrowser::currentStudyUid() const
{
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
    const int row = m_model->rowOf(studyUid);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
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
    m_model->sort(m_view->horizontalHeader()->sortIndicatorSection(), m_view->horizontalHeader()->sortIndicatorOrder());
}

void StudyBrowser::updateCount()
{
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

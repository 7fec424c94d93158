#include "ui/activity/ActivityPanel.h"

#include "ui/common/DicomFormat.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lightbox {
namespace {
constexpr int kMaxRows = 500;

QString nowText()
{
    return QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
}
} // namespace

ActivityPanel::ActivityPanel(QWidget *parent)
    : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("activityTabs"));

    m_associations = new QTreeWidget(this);
    m_associations->setObjectName(QStringLiteral("associationList"));
    m_associations->setRootIsDecorated(false);
    m_associations->setUniformRowHeights(true);
    m_associations->setHeaderLabels(
        {tr("Time"), tr("Calling AE"), tr("Host"), tr("Images"), tr("Size"), tr("Duration"), tr("Result")});
    m_associations->header()->setStretchLastSection(true);

    m_jobs = new QWidget(this);
    m_jobsLayout = new QVBoxLayout(m_jobs);
    m_noJobs = new QLabel(tr("No imports, exports, sends, retrieves or deletions yet."), m_jobs);
    m_noJobs->setEnabled(false);
    m_jobsLayout->addWidget(m_noJobs);
    m_jobsLayout->addStretch(1);
    auto *jobsScroll = new QScrollArea(this);
    jobsScroll->setWidget(m_jobs);
    jobsScroll->setWidgetResizable(true);

    m_messages = new QTreeWidget(this);
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setRootIsDecorated(false);
    m_messages->setHeaderLabels({tr("Time"), tr("Level"), tr("Message")});
    m_messages->header()->setStretchLastSection(true);
    m_messages->setWordWrap(true);

    m_tabs->addTab(m_associations, tr("Associations"));
    m_tabs->addTab(jobsScroll, tr("Jobs"));
    m_tabs->addTab(m_messages, tr("Messages"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == MessagesTab && m_unseen > 0) {
            m_unseen = 0;
            Q_EMIT unseenMessagesChanged(0);
        }
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void ActivityPanel::addAssociation(const AssociationSummary &s)
{
    auto *item = new QTreeWidgetItem;
    item->setText(0, QLocale().toString(s.info.startedAt.toLocalTime().time(), QStringLiteral("HH:mm:ss")));
    item->setText(1, s.info.callingAe);
    item->setText(2, s.info.peerHost);
    item->setText(3,
                  s.instancesFailed > 0 ? tr("%1 (+%2 failed)").arg(s.instancesStored).arg(s.instancesFailed)
                                        : QString::number(s.instancesStored));
    item->setText(4, dicomformat::byteSize(s.bytesReceived));
    item->setText(5, tr("%1 s").arg(QLocale().toString(s.durationMs / 1000.0, 'f', 1)));
    item->setText(6, s.rejected ? tr("Refused: %1").arg(s.result) : s.result);
    item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(5, Qt::AlignRight | Qt::AlignVCenter);
    if (s.rejected || s.instancesFailed > 0)
        for (int c = 0; c < 7; ++c)
            item->setForeground(c, QColor(200, 60, 40));
    m_associations->insertTopLevelItem(0, item);
    while (m_associations->topLevelItemCount() > kMaxRows)
        delete m_associations->takeTopLevelItem(m_associations->topLevelItemCount() - 1);
    if (m_associations->topLevelItemCount() == 1)
        for (int c = 0; c < 6; ++c)
            m_associations->resizeColumnToContents(c);
}

int ActivityPanel::associationCount() const
{
    return m_associations->topLevelItemCount();
}

void ActivityPanel::addMessage(QtMsgType type, const QString &text)
{
    auto *item = new QTreeWidgetItem;
    item->setText(0, nowText());
    item->setText(1, type == QtWarningMsg ? tr("Warning") : (type == QtInfoMsg ? tr("Info") : tr("Error")));
    item->setText(2, text);
    item->setToolTip(2, text);
    if (type != QtInfoMsg && type != QtWarningMsg)
        item->setForeground(1, QColor(200, 60, 40));
    m_messages->insertTopLevelItem(0, item);
    while (m_messages->topLevelItemCount() > kMaxRows)
        delete m_messages->takeTopLevelItem(m_messages->topLevelItemCount() - 1);
    if (type != QtInfoMsg && m_tabs->currentIndex() != MessagesTab) {
        ++m_unseen;
        Q_EMIT unseenMessagesChanged(m_unseen);
    }
}

void ActivityPanel::trackJob(const QString &title, QFutureWatcherBase *watcher)
{
    m_noJobs->hide();
    auto *row = new QWidget(m_jobs);
    row->setObjectName(QStringLiteral("job"));
    auto *titleLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), row);
    auto *bar = new QProgressBar(row);
    bar->setRange(0, 0);
    auto *status = new QLabel(tr("Starting…"), row);
    status->setObjectName(QStringLiteral("jobStatus"));
    status->setWordWrap(true);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    auto *grid = new QVBoxLayout(row);
    auto *top = new QHBoxLayout;
    top->addWidget(titleLabel, 1);
    top->addWidget(cancel);
    grid->addLayout(top);
    grid->addWidget(bar);
    grid->addWidget(status);
    m_jobsLayout->insertWidget(0, row);
    ++m_running;
    Q_EMIT runningJobsChanged(m_running);

    QPointer<QFutureWatcherBase> guard(watcher);
    connect(cancel, &QPushButton::clicked, row, [guard, cancel, status] {
        if (guard)
            guard->cancel();
        cancel->setEnabled(false);
        status->setText(tr("Cancelling…"));
    });
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, bar,
            [bar](int min, int max) { bar->setRange(min, max); });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, bar, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::progressTextChanged, status, &QLabel::setText);
    connect(watcher, &QFutureWatcherBase::finished, row, [this, bar, cancel, status, guard] {
        cancel->hide();
        if (bar->maximum() == 0)
            bar->setRange(0, 1);
        bar->setValue(bar->maximum());
        if (guard && guard->isCanceled() && status->property("result").isNull())
            status->setText(tr("Cancelled."));
        --m_running;
        Q_EMIT runningJobsChanged(m_running);
    });
    row->setProperty("watcher", QVariant::fromValue(static_cast<QObject *>(watcher)));
    connect(watcher, &QObject::destroyed, row, [row] { row->setProperty("watcher", {}); });
    m_tabs->setCurrentIndex(JobsTab);
}

void ActivityPanel::setJobResult(QFutureWatcherBase *watcher, const QString &result, bool failed)
{
    for (QWidget *row : m_jobs->findChildren<QWidget *>(QStringLiteral("job"), Qt::FindDirectChildrenOnly)) {
        if (row->property("watcher").value<QObject *>() != watcher)
            continue;
        auto *status = row->findChild<QLabel *>(QStringLiteral("jobStatus"));
        status->setText(result);
        status->setProperty("result", result);
        if (failed)
            status->setStyleSheet(QStringLiteral("color: #c83c28;"));
    }
}

void ActivityPanel::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

} // namespace lightbox

#include "ui/mainwindow/SyncController.h"

#include "ui/mainwindow/MainWindow.h"

#include "core/service/Workstation.h"
#include "core/sync/SyncService.h"
#include "ui/activity/ActivityPanel.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/browser/StudySyncStates.h"

#include <QAction>
#include <QEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <functional>

namespace lightbox {
namespace {

// The status line, elided to the width the status bar gives it (the full line is its tooltip and accessible name).
class SyncStatusLabel : public QLabel
{
public:
    using QLabel::QLabel;
    void setLine(const QString &line, const QColor &color, bool colorText)
    {
        m_line = line;
        m_color = color;
        m_colorText = colorText;
        setAccessibleName(line);
        updateGeometry();
        render();
    }
    QSize sizeHint() const override
    {
        return {fontMetrics().horizontalAdvance(QStringLiteral("● ") + m_line) + 8, QLabel::sizeHint().height()};
    }
    QSize minimumSizeHint() const override
    {
        return {fontMetrics().averageCharWidth() * 20, QLabel::sizeHint().height()};
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        render();
    }

private:
    void render()
    {
        const int room = width() - fontMetrics().horizontalAdvance(QStringLiteral("● ")) - 8;
        const QString shown = fontMetrics().elidedText(m_line, Qt::ElideRight, qMax(room, 40)).toHtmlEscaped();
        const QString color = m_color.name();
        setText(QStringLiteral("<span style='color:%1'>●</span> ").arg(color)
                + (m_colorText ? QStringLiteral("<span style='color:%1'>%2</span>").arg(color, shown) : shown));
    }

    QString m_line;
    QColor m_color;
    bool m_colorText = false;
};

// The target whose trouble the label names: one that failed first, else one that waits.
const SyncOverview::Target *troubled(const SyncOverview &overview)
{
    const SyncOverview::Target *found = nullptr;
    for (const SyncOverview::Target &t : overview.targets) {
        if (t.problem.isEmpty())
            continue;
        if (t.counts.failed > 0)
            return &t;
        if (!found)
            found = &t;
    }
    return found;
}

} // namespace

SyncController::SyncController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity,
                               QWidget *window)
    : QObject(window)
    , m_workstation(workstation)
    , m_browser(browser)
    , m_activity(activity)
    , m_window(window)
{
    m_syncNow = new QAction(tr("Sync &Now"), this);
    m_syncNow->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNow->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    connect(m_syncNow, &QAction::triggered, this, [this] {
        const QStringList uids = m_browser->selectedStudyUids();
        if (uids.isEmpty() || !m_workstation.sync())
            return;
        run(m_workstation.sync()->syncStudies(uids), [](int queued) {
            return queued > 0 ? tr("Queued %1 for sync").arg(MainWindow::imagesText(queued))
                              : tr("Nothing to sync: no sync destination's rules select these studies");
        });
    });
    m_syncAll = new QAction(tr("Sync &All"), this);
    m_syncAll->setObjectName(QStringLiteral("syncAllAction"));
    connect(m_syncAll, &QAction::triggered, this, [this] {
        if (!m_workstation.sync())
            return;
        run(m_workstation.sync()->syncAll(), [](int queued) {
            return queued > 0 ? tr("Queued %1 for sync").arg(MainWindow::imagesText(queued))
                              : tr("Nothing to sync: every image the sync rules select is queued or on the "
                                   "destination already");
        });
    });
    m_retryFailed = new QAction(tr("&Retry Failed"), this);
    m_retryFailed->setObjectName(QStringLiteral("retryFailedAction"));
    connect(m_retryFailed, &QAction::triggered, this, [this] {
        if (!m_workstation.sync())
            return;
        run(m_workstation.sync()->retryFailed(), [](int queued) {
            return queued > 0 ? tr("Queued %1 that had failed for sync again").arg(MainWindow::imagesText(queued))
                              : tr("Nothing to retry: no image failed to sync");
        });
    });
    m_settings = new QAction(tr("Sync &Destinations…"), this);
    connect(m_settings, &QAction::triggered, this, &SyncController::settingsRequested);

    m_menu = new QMenu(tr("S&ync"), window);
    m_menu->setObjectName(QStringLiteral("syncMenu"));
    m_menu->setToolTipsVisible(true); // the reason a command is disabled
    m_menu->addAction(m_syncNow);
    m_menu->addAction(m_syncAll);
    m_menu->addAction(m_retryFailed);

    m_statusMenu = new QMenu(window);
    m_statusMenu->setObjectName(QStringLiteral("syncStatusMenu"));
    m_statusMenu->setToolTipsVisible(true);
    m_statusMenu->addAction(m_syncAll);
    m_statusMenu->addAction(m_retryFailed);
    m_statusMenu->addSeparator();
    m_statusMenu->addAction(m_settings);

    m_label = new SyncStatusLabel(window);
    m_label->setObjectName(QStringLiteral("syncStatus"));
    m_label->setCursor(Qt::PointingHandCursor);
    m_label->setTextFormat(Qt::RichText);
    m_label->installEventFilter(this);
    m_label->setVisible(false);

    m_throttle.setSingleShot(true);
    m_throttle.setInterval(250);
    connect(&m_throttle, &QTimer::timeout, this, &SyncController::updateStatus);
    updateActions();
}

SyncController::~SyncController() = default;

void SyncController::attach()
{
    SyncService *service = m_workstation.sync();
    m_browser->setSyncService(service);
    if (!service || m_attached)
        return;
    m_attached = true;
    connect(
        service, &SyncService::overviewChanged, this,
        [this] {
            if (!m_throttle.isActive())
                m_throttle.start();
        },
        Qt::QueuedConnection);
    updateStatus();
}

bool SyncController::hasTargets() const
{
    return m_workstation.sync() && !m_workstation.sync()->targets().isEmpty();
}

void SyncController::updateActions()
{
    const bool targets = hasTargets();
    const QString noTarget = tr("No destination has the Sync role: add one, or give one that role, in Settings ▸ "
                                "Destinations");
    const qsizetype selected = m_browser->selectedStudyUids().size();
    m_syncNow->setEnabled(targets && selected > 0);
    m_syncNow->setToolTip(!targets            ? noTarget
                              : selected == 0 ? tr("Select the studies to sync first")
                                              : tr("Send the selected studies to the sync destinations now, "
                                                   "also what was sent before"));
    m_syncAll->setEnabled(targets);
    m_syncAll->setToolTip(targets ? tr("Queue every stored image the sync rules select that is not on the "
                                       "destination yet")
                                  : noTarget);
    m_retryFailed->setEnabled(targets && m_failed > 0);
    m_retryFailed->setToolTip(!targets ? noTarget
                                  : m_failed > 0
                                  ? tr("Queue the %1 that failed again").arg(MainWindow::imagesText(m_failed))
                                  : tr("Nothing has failed"));
}

QString SyncController::statusText(const SyncOverview &overview)
{
    if (overview.targets.isEmpty())
        return {};
    const QLocale locale;
    //: %1 images waiting, %2 images on the sync destination, %3 images that failed
    QString text
        = tr("Sync: %1 queued · %2 sent · %3 failed")
              .arg(locale.toString(overview.pending), locale.toString(overview.sent), locale.toString(overview.failed));
    if (const SyncOverview::Target *t = troubled(overview))
        //: %1 the totals, %2 a destination name, %3 why it waits or failed
        text = tr("%1 — %2: %3").arg(text, t->name, t->problem);
    else if (overview.sending)
        text = tr("%1 — sending").arg(text);
    return text;
}

void SyncController::updateStatus()
{
    SyncService *service = m_workstation.sync();
    const bool targets = hasTargets();
    m_browser->setSyncColumnVisible(targets);
    if (!service || !targets) {
        m_failed = 0;
        m_line.clear();
        m_label->hide();
        updateActions();
        return;
    }
    const SyncOverview overview = service->overview();
    m_failed = overview.failed;
    const QString line = statusText(overview);
    m_line = line;
    SyncState mood = SyncState::Synced;
    if (overview.failed > 0)
        mood = SyncState::Failed;
    else if (troubled(overview) || (overview.pending > 0 && !overview.sending))
        mood = SyncState::Pending;
    else if (overview.sending || overview.pending > 0)
        mood = SyncState::Sending;
    static_cast<SyncStatusLabel *>(m_label)->setLine(line, StudySyncStates::color(mood), overview.failed > 0);
    const QLocale locale;
    QStringList tip;
    for (const SyncOverview::Target &t : overview.targets) {
        //: %1 a destination, %2 images waiting, %3 images sent, %4 images failed
        QString row = tr("%1: %2 queued, %3 sent, %4 failed")
                          .arg(t.name, locale.toString(t.counts.pending), locale.toString(t.counts.sent),
                               locale.toString(t.counts.failed));
        if (!t.problem.isEmpty())
            row += QStringLiteral("\n    ") + t.problem;
        else if (t.counts.failed > 0 && !t.counts.lastError.isEmpty())
            row += QStringLiteral("\n    ") + t.counts.lastError;
        tip << row;
    }
    tip << tr("Click for Sync All, Retry Failed and the sync destinations.");
    m_label->setToolTip(tip.join(QLatin1Char('\n')));
    // The status bar hides its normal widgets while it shows a message, and shows them again after it: show the label
    // only when it was hidden here (no sync destination before), not over a message.
    if (m_label->isHidden() && m_label->testAttribute(Qt::WA_WState_ExplicitShowHide))
        m_label->show();
    updateActions();
}

void SyncController::run(const QFuture<int> &future, const std::function<QString(int)> &describe)
{
    auto *watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, describe] {
        watcher->deleteLater();
        const int queued = watcher->result();
        const QString line = queued < 0 ? tr("The sync queue could not be changed: the index cannot be written (see "
                                             "the log)")
                                        : describe(queued);
        m_activity->addMessage(queued < 0 ? QtWarningMsg : QtInfoMsg, line);
        Q_EMIT message(line);
    });
    watcher->setFuture(future);
}

bool SyncController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_label && event->type() == QEvent::MouseButtonRelease) {
        m_statusMenu->popup(m_label->mapToGlobal(QPoint(0, 0)) - QPoint(0, m_statusMenu->sizeHint().height()));
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace lightbox

// Sync in the main window against real Orthancs: a study sent to the in-process Workstation by storescu turns
// "Synced" in the browser's Sync column and Orthanc holds every instance; with Orthanc down a new study shows
// "Pending" with the reason in its tooltip and in the status bar; a destination with a wrong called AE title shows
// "Failed" with the reason, and after fixing it "Retry failed" (the real QAction) syncs it; "Sync now" puts a study
// Orthanc lost back; the unified list shows the state of stored rows; without a sync destination the column and
// the label are hidden and the commands say why they are disabled.
#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexReader.h"
#include "core/service/Workstation.h"
#include "core/sync/SyncService.h"
#include "tests/support/TestSupport.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/browser/UnifiedStudyModel.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SyncController.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QJsonObject study(const QString &key, const QString &name, const QString &modality, int count)
{
    return {{"key", key},
            {"name", name},
            {"id", QString("SY-" + key)},
            {"accession", QString("ACC" + key)},
            {"date", "20240105"},
            {"time", "101500"},
            {"birth", "19700101"},
            {"sex", "M"},
            {"description", QString("Sync " + key)},
            {"series",
             QJsonArray {QJsonObject {
                 {"modality", modality}, {"count", count}, {"description", QString(modality + " axial")}}}}};
}

} // namespace

class TestSyncUi : public QObject
{
    Q_OBJECT

private:
    Destination pacs(const QString &calledAe = "ORTHANC") const;
    Destination strict(const QString &calledAe) const;
    void setDestinations(const QList<Destination> &list);
    void send(const QString &key);
    QStringList localInstances(const QString &key) const;
    QStringList orthancInstances(const OrthancProcess &orthanc, const QString &key) const;
    QVariant syncData(const QString &key, int role = Qt::DisplayRole) const;
    QString statusLine() const;
    QString waitForMessage(QSignalSpy &spy) const;

    QTemporaryDir m_storage;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Workstation> m_workstation;
    std::unique_ptr<MainWindow> m_window;
    OrthancProcess m_orthanc; ///< The sync server.
    OrthancProcess m_strict; ///< Checks the called AE title.
    QHash<QString, QString> m_uid; ///< key -> Study Instance UID
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase();
    void arrival_turnsSyncedAndOrthancHoldsEveryInstance();
    void remoteDown_showsPendingWithTheReason_thenDrains();
    void syncNow_putsBackAStudyTheRemoteLost();
    void syncNow_saysWhenNoRuleSelectsTheStudy();
    void unifiedList_showsTheSyncStateOfStoredRows();
    void wrongCalledAe_showsFailed_thenRetryFailedSyncs();
    void noSyncDestination_hidesColumnAndLabel_andSaysWhy();
    void cleanupTestCase();
};

Destination TestSyncUi::pacs(const QString &calledAe) const
{
    Destination d;
    d.name = "PACS";
    d.node = DicomNode {calledAe, "127.0.0.1", m_orthanc.dicomPort()};
    d.roles = Destination::Sync | Destination::QueryRetrieve;
    d.retrieve = Destination::RetrieveMethod::Get;
    d.verifySync = true;
    return d;
}

Destination TestSyncUi::strict(const QString &calledAe) const
{
    Destination d;
    d.name = "Strict";
    d.node = DicomNode {calledAe, "127.0.0.1", m_strict.dicomPort()};
    d.roles = Destination::Sync;
    return d;
}

void TestSyncUi::setDestinations(const QList<Destination> &list)
{
    // As the app does: the settings file (menus, remote sources) and the workstation (sync targets).
    destinations::save(*m_settings, list);
    m_settings->sync();
    m_workstation->setDestinations(list);
    m_window->reloadDestinations();
}

void TestSyncUi::initTestCase()
{
    QVERIFY(m_storage.isValid() && m_data.isValid() && m_config.isValid());
    QJsonArray specs;
    specs.append(study("first", "Sync^First", "CT", 3));
    specs.append(study("offline", "Sync^Offline", "CT", 2));
    specs.append(study("rejected", "Sync^Rejected", "MR", 2));
    QString error;
    m_uid = makeStudies(QJsonDocument(specs).toJson(), m_data.filePath("studies"), &error);
    QVERIFY2(m_uid.size() == specs.size(), qPrintable(error));

    // The sync server knows Lightbox (as a site registers its workstations): it answers its C-FINDs, which the
    // verification after a send and the remote search need. Kept in the configuration, so a restart keeps it.
    m_port = freePort();
    QVERIFY(
        m_orthanc.start(QString("\"DicomModalities\": {\"lightbox\": [\"LIGHTBOX\", \"127.0.0.1\", %1]}").arg(m_port)));
    QVERIFY(m_strict.start("\"DicomCheckCalledAet\": true"));

    m_settings = std::make_unique<QSettings>(m_config.filePath("lightbox.ini"), QSettings::IniFormat);
    destinations::save(*m_settings, {pacs()});
    m_settings->sync();
    NodeSettings node;
    node.port = m_port;
    node.storageDir = m_storage.path();
    m_workstation = std::make_unique<Workstation>(StorageLocation(m_storage.path()), node);
    m_workstation->setDestinations({pacs()});
    m_window = std::make_unique<MainWindow>(*m_workstation, *m_settings);
    m_window->resize(1280, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY2(m_window->startService(&error), qPrintable(error));
    QVERIFY(m_workstation->sync());
}

void TestSyncUi::send(const QString &key)
{
    const ToolResult sent = run("storescu",
                                {"-aec", "LIGHTBOX", "-aet", "MODALITY", "+sd", "+r", "-nh", "127.0.0.1",
                                 QString::number(m_port), m_data.filePath("studies/" + key)});
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
}

QStringList TestSyncUi::localInstances(const QString &key) const
{
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QStringList uids;
    if (!reader.open())
        return uids;
    for (const InstanceFile &f : reader.filesOfStudy(m_uid.value(key)))
        uids << f.sopInstanceUid;
    uids.sort();
    return uids;
}

QStringList TestSyncUi::orthancInstances(const OrthancProcess &orthanc, const QString &key) const
{
    QStringList uids = orthanc.instancesOfStudy(m_uid.value(key));
    uids.sort();
    return uids;
}

QVariant TestSyncUi::syncData(const QString &key, int role) const
{
    const StudyListModel *model = m_window->browser()->model();
    const int row = model->rowOf(m_uid.value(key));
    return row < 0 ? QVariant() : model->index(row, StudyListModel::Sync).data(role);
}

QString TestSyncUi::statusLine() const
{
    return m_window->syncUi()->statusLine();
}

QString TestSyncUi::waitForMessage(QSignalSpy &spy) const
{
    if (spy.isEmpty() && !spy.wait(20000))
        return {};
    return spy.takeFirst().first().toString();
}

void TestSyncUi::arrival_turnsSyncedAndOrthancHoldsEveryInstance()
{
    QVERIFY(m_window->browser()->isSyncColumnVisible());
    QVERIFY(m_window->syncUi()->statusLabel()->isVisible());
    QVERIFY(m_window->syncUi()->syncAllAction()->isEnabled());
    send("first");
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("first").size(), 3, 10000);
    // Verification (image-level C-FIND) follows the send: "Synced", the tooltip says verified.
    QTRY_VERIFY_WITH_TIMEOUT(syncData("first", Qt::ToolTipRole).toString().contains("(verified)"), 30000);
    QCOMPARE(syncData("first").toString(), QString("Synced"));
    QCOMPARE(orthancInstances(m_orthanc, "first"), localInstances("first"));
    QVERIFY(syncData("first", Qt::ToolTipRole).toString().contains("All 3 images are on the sync destination"));
    QVERIFY(!syncData("first", Qt::DecorationRole).value<QIcon>().isNull());
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(), QString("Sync: 0 queued · 3 sent · 0 failed"), 10000);
    QVERIFY(m_window->syncUi()->statusLabel()->toolTip().contains("PACS: 0 queued, 3 sent, 0 failed"));
    QVERIFY(!m_window->syncUi()->retryFailedAction()->isEnabled());
}

void TestSyncUi::remoteDown_showsPendingWithTheReason_thenDrains()
{
    m_orthanc.kill();
    send("offline");
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("offline").size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(syncData("offline").toString(), QString("Pending"), 10000);
    // Once the worker has tried: the reason, and when it tries again.
    QTRY_VERIFY_WITH_TIMEOUT(syncData("offline", Qt::ToolTipRole).toString().contains("connection refused"), 15000);
    const QString tip = syncData("offline", Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("0 of 2 images sent") && tip.contains("PACS: connection refused"), qPrintable(tip));
    QVERIFY2(tip.contains("Retrying at ") || tip.contains("Waiting to retry"), qPrintable(tip));
    QTRY_VERIFY_WITH_TIMEOUT(statusLine().startsWith("Sync: 2 queued · 3 sent · 0 failed — PACS: waiting: connection "
                                                     "refused"),
                             10000);
    // The study already synced keeps its state.
    QCOMPARE(syncData("first").toString(), QString("Synced"));

    QVERIFY(m_orthanc.restart());
    QTRY_VERIFY_WITH_TIMEOUT(syncData("offline").toString().startsWith("Synced"), 60000);
    QCOMPARE(orthancInstances(m_orthanc, "offline"), localInstances("offline"));
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(), QString("Sync: 0 queued · 5 sent · 0 failed"), 10000);
}

void TestSyncUi::syncNow_putsBackAStudyTheRemoteLost()
{
    QVERIFY(m_orthanc.deleteStudy(m_uid.value("first")));
    QVERIFY(orthancInstances(m_orthanc, "first").isEmpty());
    QAction *syncNow = m_window->syncUi()->syncNowAction();
    QVERIFY(m_window->browser()->selectStudy(m_uid.value("first")));
    QTRY_VERIFY(syncNow->isEnabled());
    QSignalSpy messages(m_window->syncUi(), &SyncController::message);
    syncNow->trigger();
    QCOMPARE(waitForMessage(messages), QString("Queued 3 images for sync"));
    QTRY_COMPARE_WITH_TIMEOUT(orthancInstances(m_orthanc, "first"), localInstances("first"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(syncData("first").toString().startsWith("Synced"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(), QString("Sync: 0 queued · 5 sent · 0 failed"), 10000);
}

void TestSyncUi::syncNow_saysWhenNoRuleSelectsTheStudy()
{
    Destination mrOnly = pacs();
    mrOnly.syncModalities = {"MR"};
    setDestinations({mrOnly});
    QVERIFY(m_window->browser()->selectStudy(m_uid.value("first")));
    QSignalSpy messages(m_window->syncUi(), &SyncController::message);
    m_window->syncUi()->syncNowAction()->trigger();
    QCOMPARE(waitForMessage(messages), QString("Nothing to sync: no sync destination's rules select these studies"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith("Nothing to sync"));
    setDestinations({pacs()});
}

void TestSyncUi::unifiedList_showsTheSyncStateOfStoredRows()
{
    UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QSignalSpy finished(model, &UnifiedStudyModel::searchFinished);
    StudyFilterBar *bar = m_window->browser()->filterBar();
    QVERIFY(bar->setSource("PACS", true));
    bar->setSearchText("Sync");
    QVERIFY(finished.wait(30000));
    while (finished.wait(500)) { }
    const int row = model->rowOf(m_uid.value("first"));
    QVERIFY(row >= 0);
    QCOMPARE(UnifiedStudyModel::presenceOf(model->studyAt(row)), UnifiedStudyModel::Both);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(row, UnifiedStudyModel::Sync).data().toString().startsWith("Synced"), 10000);
    QCOMPARE(model->headerData(UnifiedStudyModel::Sync, Qt::Horizontal).toString(), QString("Sync"));
    QVERIFY(!m_window->browser()->remoteView()->isColumnHidden(UnifiedStudyModel::Sync));
    QVERIFY(bar->setSource({}, false));
}

void TestSyncUi::wrongCalledAe_showsFailed_thenRetryFailedSyncs()
{
    setDestinations({strict("WRONGAE")});
    // PACS no longer syncs: its rows go once it has stayed away 30 s (a destination removed and added again keeps its
    // queue), and the studies it held have nothing to sync to Strict.
    QTest::qWait(5000);
    QVERIFY(syncData("first").toString().startsWith("Synced"));
    QTRY_COMPARE_WITH_TIMEOUT(syncData("first").toString(), QString(), 45000);
    send("rejected");
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("rejected").size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(syncData("rejected").toString(), QString("Failed"), 20000);
    // An instance indexed after the first failure fails at the next try.
    QTRY_VERIFY_WITH_TIMEOUT(syncData("rejected", Qt::ToolTipRole).toString().contains("2 of 2 images"), 20000);
    const QString tip = syncData("rejected", Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("2 of 2 images could not be sent")
                 && tip.contains("does not recognise the called AE title \"WRONGAE\""),
             qPrintable(tip));
    QVERIFY(syncData("rejected", Qt::ForegroundRole).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(statusLine().startsWith("Sync: 0 queued · 0 sent · 2 failed — Strict: association "
                                                     "rejected: the remote does not recognise the called AE title"),
                             10000);
    QTRY_VERIFY(m_window->syncUi()->statusLabel()->text().contains("#c83c28")); // red
    QVERIFY(orthancInstances(m_strict, "rejected").isEmpty());

    setDestinations({strict("ORTHANC")});
    QAction *retry = m_window->syncUi()->retryFailedAction();
    QTRY_VERIFY(retry->isEnabled());
    QVERIFY(m_window->syncUi()->statusMenu()->actions().contains(retry));
    QSignalSpy messages(m_window->syncUi(), &SyncController::message);
    retry->trigger();
    QCOMPARE(waitForMessage(messages), QString("Queued 2 images that had failed for sync again"));
    QTRY_COMPARE_WITH_TIMEOUT(syncData("rejected").toString(), QString("Synced"), 30000);
    QCOMPARE(orthancInstances(m_strict, "rejected"), localInstances("rejected"));
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(), QString("Sync: 0 queued · 2 sent · 0 failed"), 10000);
    QTRY_VERIFY(!retry->isEnabled());
}

void TestSyncUi::noSyncDestination_hidesColumnAndLabel_andSaysWhy()
{
    Destination sendOnly = pacs();
    sendOnly.roles = Destination::Send;
    setDestinations({sendOnly});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->browser()->isSyncColumnVisible(), 10000);
    QTRY_VERIFY(statusLine().isEmpty() && m_window->syncUi()->statusLabel()->isHidden());
    for (QAction *action : {m_window->syncUi()->syncNowAction(), m_window->syncUi()->syncAllAction(),
                            m_window->syncUi()->retryFailedAction()}) {
        QVERIFY(!action->isEnabled());
        QVERIFY2(action->toolTip().contains("No destination has the Sync role"), qPrintable(action->toolTip()));
    }
    // The outbox rows of the former targets are gone: nothing shows a state.
    QTRY_COMPARE_WITH_TIMEOUT(syncData("rejected").toString(), QString(), 10000);
}

void TestSyncUi::cleanupTestCase()
{
    m_window.reset();
    if (m_workstation)
        m_workstation->stop();
    m_workstation.reset();
    m_orthanc.stop();
    m_strict.stop();
}

QTEST_MAIN(TestSyncUi)
#include "tst_syncui.moc"

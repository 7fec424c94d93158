// The settings dialog: inline validation (17-character AE title, port 70000, duplicate destination name,
// unresolvable host) keeps OK disabled with the reason visible; the Echo buttons report a real Orthanc's answer
// (round trip, connection refused, our calling AE rejected); Echo all fills every row; saved settings reload;
// and applying from the main window moves a running listener to a new port.
#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/service/Workstation.h"
#include "tests/support/TestSupport.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/settings/DestinationDialog.h"
#include "ui/settings/DestinationsPage.h"
#include "ui/settings/NodeSettingsPage.h"
#include "ui/settings/SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace lightbox;
using namespace lightbox::test;

namespace {

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

Destination dicomDestination(const QString &name, const QString &ae, quint16 port)
{
    Destination d;
    d.name = name;
    d.node = {ae, "127.0.0.1", port};
    d.roles = Destination::Send | Destination::QueryRetrieve;
    return d;
}

QPushButton *echoButton(DestinationsPage *page, int row)
{
    return qobject_cast<QPushButton *>(page->table()->cellWidget(row, DestinationsPage::EchoColumn));
}

/// A settings file of its own and the node settings a dialog opens with (port 11112).
struct IsolatedSettings
{
    QTemporaryDir dir;
    QSettings file {dir.filePath("lightbox.ini"), QSettings::IniFormat};
    NodeSettings node = [] {
        NodeSettings n;
        n.port = 11112;
        return n;
    }();
};

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nodePage_rejects17CharacterAeTitleAndPort70000_inline()
    {
        IsolatedSettings settings;
        QSettings &file = settings.file;
        SettingsDialog dialog(settings.node, {}, file);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.okButton()->isEnabled());

        auto *ae = dialog.nodePage()->findChild<QLineEdit *>("aeTitle");
        auto *aeError = dialog.nodePage()->findChild<QLabel *>("aeTitleError");
        QVERIFY(ae && aeError);
        QVERIFY(!aeError->isVisible());
        retype(ae, "ABCDEFGHIJKLMNOPQ");
        QCOMPARE(ae->text().size(), 17);
        QVERIFY(aeError->isVisible());
        QVERIFY2(aeError->text().contains("longer than 16 characters"), qPrintable(aeError->text()));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.applyButton()->isEnabled());

        retype(ae, "READING1");
        QVERIFY(!aeError->isVisible());
        QVERIFY(dialog.okButton()->isEnabled());

        auto *port = dialog.nodePage()->findChild<QLineEdit *>("port");
        auto *portError = dialog.nodePage()->findChild<QLabel *>("portError");
        retype(port, "70000");
        QCOMPARE(port->text(), QString("70000")); // typed as is, not clamped
        QVERIFY(portError->isVisible());
        QVERIFY2(portError->text().contains("\"70000\" is not a port") && portError->text().contains("1 to 65535"),
                 qPrintable(portError->text()));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.applyButton()->isEnabled());
        // Clicking the disabled OK saves nothing and keeps the dialog open.
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.apply());
        QVERIFY(file.allKeys().isEmpty());

        retype(port, "11113");
        QVERIFY(!portError->isVisible());
        QVERIFY(dialog.okButton()->isEnabled());
    }

    void destinationDialog_rejectsDuplicateNameAndUnresolvableHost()
    {
        const Destination existing = dicomDestination("Main PACS", "PACS", 104);
        Destination fresh;
        fresh.node.port = 104;
        fresh.roles = Destination::Send;
        DestinationDialog dialog(fresh, {existing});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *name = dialog.findChild<QLineEdit *>("name");
        auto *nameError = dialog.findChild<QLabel *>("nameError");
        auto *host = dialog.findChild<QLineEdit *>("host");
        auto *hostMessage = dialog.findChild<QLabel *>("hostMessage");

        retype(name, "main pacs");
        QVERIFY(nameError->isVisible());
        QVERIFY2(nameError->text().contains("already a destination called \"Main PACS\""),
                 qPrintable(nameError->text()));
        retype(dialog.findChild<QLineEdit *>("aeTitle"), "ARCHIVE");
        retype(host, "no-such-host.invalid");
        QTRY_VERIFY_WITH_TIMEOUT(hostMessage->text().contains("cannot be found"), 20000);
        QVERIFY(hostMessage->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled());

        retype(name, "Archive");
        QVERIFY(!nameError->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled()); // the host is still wrong
        retype(host, "127.0.0.1");
        QTRY_VERIFY_WITH_TIMEOUT(dialog.okButton()->isEnabled(), 20000);
        QVERIFY2(hostMessage->text().contains("127.0.0.1"), qPrintable(hostMessage->text()));

        retype(dialog.findChild<QLineEdit *>("port"), "70000");
        QVERIFY(dialog.findChild<QLabel *>("portError")->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled());
        retype(dialog.findChild<QLineEdit *>("port"), "4242");
        QVERIFY(dialog.okButton()->isEnabled());
        const Destination d = dialog.destination();
        QCOMPARE(d.name, QString("Archive"));
        QCOMPARE(d.node.aeTitle, QString("ARCHIVE"));
        QCOMPARE(d.node.port, quint16(4242));
    }

    void echo_showsRoundTripRefusedAndRejectedCallingAe_andEchoAllFillsEveryRow()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        OrthancProcess strict;
        QVERIFY(strict.start("\"DicomAlwaysAllowEcho\": false, \"DicomCheckCalledAet\": true"));
        const QList<Destination> list {dicomDestination("Orthanc", "ORTHANC", orthanc.dicomPort()),
                                       dicomDestination("Strict", "ORTHANC", strict.dicomPort()),
                                       dicomDestination("Nobody", "NOBODY", freePort())};

        QTemporaryDir dir;
        QSettings file(dir.filePath("lightbox.ini"), QSettings::IniFormat);
        NodeSettings node;
        node.aeTitle = "WS7";
        SettingsDialog dialog(node, list, file);
        dialog.show();
        dialog.tabs()->setCurrentWidget(dialog.destinationsPage());
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DestinationsPage *page = dialog.destinationsPage();
        QCOMPARE(page->table()->rowCount(), 3);

        QTest::mouseClick(echoButton(page, 0), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(0).startsWith("OK"), 20000);
        const QRegularExpressionMatch ms = QRegularExpression("OK · ([0-9.]+) ms").match(page->echoResultText(0));
        QVERIFY2(ms.hasMatch(), qPrintable(page->echoResultText(0)));
        QVERIFY(ms.captured(1).toDouble() > 0);
        QVERIFY(ms.captured(1).toDouble() < 5000);
        QVERIFY(page->echoResultText(1).isEmpty()); // only the clicked row was tested

        QTest::mouseClick(echoButton(page, 2), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(2).startsWith("Failed"), 20000);
        QVERIFY2(page->echoResultText(2).contains("connection refused"), qPrintable(page->echoResultText(2)));

        QTest::mouseClick(echoButton(page, 1), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(1).startsWith("Failed"), 20000);
        QVERIFY2(page->echoResultText(1).contains("calling AE title \"WS7\""), qPrintable(page->echoResultText(1)));

        // Echo all, from empty rows.
        page->setDestinations(list);
        for (int row = 0; row < 3; ++row)
            QVERIFY(page->echoResultText(row).isEmpty());
        QTest::mouseClick(dialog.findChild<QPushButton *>("echoAll"), Qt::LeftButton);
        QCOMPARE(page->echoesRunning(), 3);
        QCOMPARE(page->echoResultText(0), QString("Testing…"));
        QTRY_COMPARE_WITH_TIMEOUT(page->echoesRunning(), 0, 30000);
        QVERIFY2(page->echoResultText(0).startsWith("OK · "), qPrintable(page->echoResultText(0)));
        QVERIFY2(page->echoResultText(1).contains("calling AE title \"WS7\""), qPrintable(page->echoResultText(1)));
        QVERIFY2(page->echoResultText(2).contains("connection refused"), qPrintable(page->echoResultText(2)));
    }

    void savedSettings_reloadInANewDialogAndThroughTheLoaders()
    {
        IsolatedSettings settings;
        QTemporaryDir &dir = settings.dir;
        QSettings &file = settings.file;
        const NodeSettings node = settings.node;
        const Destination first = dicomDestination("Main PACS", "PACS", 104);
        NodeSettings applied;
        int applies = 0;
        {
            SettingsDialog dialog(node, {first}, file);
            dialog.setNodeApplier([&](const NodeSettings &s, QString *) {
                applied = s;
                ++applies;
                return true;
            });
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            NodeSettingsPage *nodePage = dialog.nodePage();
            retype(nodePage->findChild<QLineEdit *>("aeTitle"), "READING1");
            retype(nodePage->findChild<QLineEdit *>("port"), "11113");
            nodePage->findChild<QSpinBox *>("poolSize")->setValue(8);
            nodePage->findChild<QCheckBox *>("strictCalledAe")->setChecked(true);
            retype(nodePage->findChild<QLineEdit *>("storageDir"), dir.filePath("store"));
            QVERIFY(nodePage->findChild<QLabel *>("storageNote")->text().contains("next start"));
            nodePage->findChild<QGroupBox *>("whitelistEnabled")->setChecked(true);
            QVERIFY(nodePage->findChild<QLabel *>("whitelistError")->isVisible()); // an empty list refuses all
            QVERIFY(!dialog.okButton()->isEnabled());
            QTest::mouseClick(nodePage->findChild<QPushButton *>("whitelistAdd"), Qt::LeftButton);
            auto *whitelist = nodePage->findChild<QTableWidget *>("whitelist");
            whitelist->item(0, 0)->setText("CT1");
            whitelist->item(0, 1)->setText("10.0.0.7");
            QVERIFY(!nodePage->findChild<QLabel *>("whitelistError")->isVisible());
            QVERIFY(dialog.okButton()->isEnabled());

            // Add a destination through the Add dialog, as a technician would.
            QTimer::singleShot(0, this, [this] { fillAddDialog(); });
            dialog.tabs()->setCurrentWidget(dialog.destinationsPage());
            QTest::mouseClick(dialog.destinationsPage()->findChild<QPushButton *>("addDestination"), Qt::LeftButton);
            QCOMPARE(dialog.destinationsPage()->destinations().size(), 2);

            QVERIFY(dialog.apply());
            QVERIFY2(dialog.statusLabel()->text().contains("Receiving as READING1 on port 11113"),
                     qPrintable(dialog.statusLabel()->text()));
            QCOMPARE(applies, 1);
            QCOMPARE(applied.port, quint16(11113));
            QCOMPARE(applied.aeTitle, QString("READING1"));
            // Applying again without changes does not restart the listener.
            QVERIFY(dialog.apply());
            QCOMPARE(applies, 1);
        }

        // Through the loaders headless mode uses.
        QSettings reread(dir.filePath("lightbox.ini"), QSettings::IniFormat);
        const NodeSettings loaded = NodeSettings::load(reread);
        QCOMPARE(loaded.aeTitle, QString("READING1"));
        QCOMPARE(loaded.port, quint16(11113));
        QCOMPARE(loaded.poolSize, 8);
        QVERIFY(loaded.strictCalledAe);
        QVERIFY(loaded.whitelistEnabled);
        QCOMPARE(loaded.whitelist, (QList<AllowedPeer> {{"CT1", "10.0.0.7"}}));
        QCOMPARE(loaded.storageDir, dir.filePath("store"));
        const QList<Destination> dests = destinations::load(reread);
        QCOMPARE(dests.size(), 2);
        QCOMPARE(dests[0].name, first.name);
        QCOMPARE(dests[0].node.toString(), first.node.toString());
        QCOMPARE(dests[0].roles, first.roles);
        QCOMPARE(dests[1].name, QString("Archive"));
        QCOMPARE(dests[1].node.aeTitle, QString("ARCHIVE"));
        QCOMPARE(dests[1].node.port, quint16(4243));
        QCOMPARE(dests[1].roles, Destination::Roles(Destination::Send | Destination::Sync));
        QCOMPARE(dests[1].retrieve, Destination::RetrieveMethod::Get);

        // In a new dialog.
        SettingsDialog again(loaded, dests, reread);
        QCOMPARE(again.nodePage()->findChild<QLineEdit *>("aeTitle")->text(), QString("READING1"));
        QCOMPARE(again.nodePage()->findChild<QLineEdit *>("port")->text(), QString("11113"));
        QCOMPARE(again.nodePage()->findChild<QSpinBox *>("poolSize")->value(), 8);
        QCOMPARE(again.nodePage()->findChild<QTableWidget *>("whitelist")->item(0, 0)->text(), QString("CT1"));
        QTableWidget *table = again.destinationsPage()->table();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, DestinationsPage::NameColumn)->text(), QString("Archive"));
        QCOMPARE(table->item(1, DestinationsPage::PortColumn)->text(), QString("4243"));
        QCOMPARE(table->item(1, DestinationsPage::RetrieveColumn)->text(), QString("C-GET"));
    }

    void listenerThatCannotRestart_isReportedAndNothingIsSaved()
    {
        IsolatedSettings settings;
        QSettings &file = settings.file;
        SettingsDialog dialog(settings.node, {}, file);
        dialog.setNodeApplier([](const NodeSettings &, QString *error) {
            *error = "port 11114 is already in use by another program";
            return false;
        });
        dialog.show();
        retype(dialog.nodePage()->findChild<QLineEdit *>("port"), "11114");
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.statusLabel()->isVisible());
        QVERIFY2(dialog.statusLabel()->text().contains("already in use")
                     && dialog.statusLabel()->text().contains("keeps receiving as LIGHTBOX on port 11112"),
                 qPrintable(dialog.statusLabel()->text()));
        QVERIFY(file.allKeys().isEmpty());
    }

    void mainWindow_settingsMoveTheRunningListener_statusBarFollows()
    {
        QTemporaryDir storage;
        QTemporaryDir config;
        QSettings file(config.filePath("lightbox.ini"), QSettings::IniFormat);
        NodeSettings node;
        node.port = freePort();
        node.minFreeMegabytes = 0;
        node.storageDir = storage.path();
        Workstation workstation(StorageLocation(storage.path()), node);
        MainWindow window(workstation, file);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY2(window.startService(&error), qPrintable(error));
        auto *status = window.findChild<QLabel *>("listenerStatus");
        QVERIFY(status->text().contains(QString::number(node.port)));

        auto *action = window.findChild<QAction *>("settingsAction");
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence("Ctrl+,"));
        action->trigger();
        QPointer<SettingsDialog> dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const quint16 newPort = freePort();
        retype(dialog->nodePage()->findChild<QLineEdit *>("port"), QString::number(newPort));
        retype(dialog->nodePage()->findChild<QLineEdit *>("aeTitle"), "READING3");
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog); // closed and deleted once applied

        QCOMPARE(workstation.settings().port, newPort);
        QTRY_VERIFY(status->text().contains("READING3") && status->text().contains(QString::number(newPort)));
        const ToolResult onNew = run("echoscu", {"-aec", "READING3", "127.0.0.1", QString::number(newPort)}, 30000);
        QVERIFY2(onNew.exitCode == 0, qPrintable(onNew.all()));
        const ToolResult onOld = run("echoscu", {"127.0.0.1", QString::number(node.port)}, 30000);
        QVERIFY(onOld.exitCode != 0);
        QCOMPARE(NodeSettings::load(file).port, newPort);
        window.close();
        workstation.stop();
    }

private:
    void fillAddDialog()
    {
        auto *dialog = qobject_cast<DestinationDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(20, this, [this] { fillAddDialog(); });
            return;
        }
        retype(dialog->findChild<QLineEdit *>("name"), "Archive");
        retype(dialog->findChild<QLineEdit *>("aeTitle"), "ARCHIVE");
        retype(dialog->findChild<QLineEdit *>("host"), "127.0.0.1");
        retype(dialog->findChild<QLineEdit *>("port"), "4243");
        dialog->findChild<QCheckBox *>("roleSync")->setChecked(true);
        dialog->findChild<QComboBox *>("retrieve")->setCurrentIndex(1);
        // Wait for the host check, then OK.
        const auto pressOk = [dialog](auto &&self) -> void {
            if (dialog->okButton()->isEnabled())
                QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
            else
                QTimer::singleShot(50, dialog, [self] { self(self); });
        };
        pressOk(pressOk);
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"

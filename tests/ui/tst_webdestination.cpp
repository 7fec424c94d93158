// A DICOMweb destination in the settings dialog, against the real Orthanc with its DICOMweb plugin and HTTP
// authentication: the dialog creates and edits it (URL, authentication, user, password; sync rules), the password
// goes to the credentials store (never the destination or the settings file), Echo reports OK or the rejected
// login in plain words, and removing the destination forgets its password.
#include "core/common/Credentials.h"
#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "tests/support/TestSupport.h"
#include "ui/settings/DestinationDialog.h"
#include "ui/settings/DestinationsPage.h"
#include "ui/settings/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

const QString password = "Gr33n-Tea:42";

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QPushButton *echoButton(DestinationsPage *page, int row)
{
    return qobject_cast<QPushButton *>(page->table()->cellWidget(row, DestinationsPage::EchoColumn));
}

// Saves what the dialog looks like (under Xvfb) when LIGHTBOX_SCREENSHOT_DIR is set.
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("LIGHTBOX_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + "/" + name + ".png");
}

Destination webDestination(const QString &name, const QString &url)
{
    Destination d;
    d.name = name;
    d.kind = Destination::Kind::DicomWeb;
    d.url = url;
    d.auth = Destination::WebAuth::Basic;
    d.user = "lightbox";
    d.roles = Destination::Sync;
    return d;
}

} // namespace

class TestWebDestination : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    OrthancProcess m_orthanc;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.path().toUtf8());
        qputenv("LIGHTBOX_CREDENTIALS", "file");
        m_orthanc.enableDicomWeb();
        m_orthanc.setRegisteredUser("lightbox", password);
        QVERIFY(m_orthanc.start());
    }

    void dialog_createsDicomWebDestination_passwordToCredentialsOnly()
    {
        Destination fresh;
        fresh.node.port = 104;
        DestinationDialog dialog(fresh, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChild<QComboBox *>("kind");
        kind->setCurrentIndex(1);
        QVERIFY(!dialog.findChild<QLineEdit *>("aeTitle")->isVisible());
        QVERIFY(dialog.findChild<QLineEdit *>("url")->isVisible());
        retype(dialog.findChild<QLineEdit *>("name"), "Cloud PACS");
        retype(dialog.findChild<QLineEdit *>("url"), "pacs.example.org/dicom-web");
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.findChild<QLabel *>("urlError")->text().contains("http://"),
                 qPrintable(dialog.findChild<QLabel *>("urlError")->text()));
        retype(dialog.findChild<QLineEdit *>("url"), m_orthanc.dicomWebUrl());
        dialog.findChild<QComboBox *>("auth")->setCurrentIndex(1); // basic
        QVERIFY(!dialog.okButton()->isEnabled()); // user and password missing
        retype(dialog.findChild<QLineEdit *>("user"), "lightbox");
        QVERIFY(!dialog.okButton()->isEnabled());
        QCOMPARE(dialog.findChild<QLabel *>("secretMessage")->text(), QString("Enter the password."));
        retype(dialog.findChild<QLineEdit *>("secret"), password);
        QCOMPARE(dialog.findChild<QLineEdit *>("secret")->echoMode(), QLineEdit::Password);
        dialog.findChild<QCheckBox *>("roleSend")->setChecked(false);
        QVERIFY(!dialog.findChild<QGroupBox *>("syncRules")->isVisible());
        dialog.findChild<QCheckBox *>("roleSync")->setChecked(true);
        QVERIFY(dialog.findChild<QGroupBox *>("syncRules")->isVisible());
        retype(dialog.findChild<QLineEdit *>("syncModalities"), "ct, MR");
        retype(dialog.findChild<QLineEdit *>("syncCallingAes"), "SEVENTEEN-CHARS-X");
        QVERIFY(!dialog.okButton()->isEnabled());
        retype(dialog.findChild<QLineEdit *>("syncCallingAes"), "CT1, MR2");
        dialog.findChild<QCheckBox *>("verifySync")->setChecked(true);
        QVERIFY(dialog.okButton()->isEnabled());
        screenshot(&dialog, "dicomweb-destination");

        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const Destination d = dialog.destination();
        QCOMPARE(d.kind, Destination::Kind::DicomWeb);
        QCOMPARE(d.url, m_orthanc.dicomWebUrl());
        QCOMPARE(d.auth, Destination::WebAuth::Basic);
        QCOMPARE(d.user, QString("lightbox"));
        QCOMPARE(d.roles, Destination::Roles(Destination::Sync));
        QCOMPARE(d.syncModalities, QStringList({"CT", "MR"}));
        QCOMPARE(d.syncCallingAes, QStringList({"CT1", "MR2"}));
        QVERIFY(d.verifySync);
        QCOMPARE(credentials::load("Cloud PACS").value_or(QString()), password);
    }

    void settings_echoOkAndRejectedPassword_secretNeverInTheSettingsFile()
    {
        QVERIFY(credentials::store("Cloud PACS", password));
        QVERIFY(credentials::store("Wrong Password", "not-the-password"));
        const QList<Destination> list {webDestination("Cloud PACS", m_orthanc.dicomWebUrl()),
                                       webDestination("Wrong Password", m_orthanc.dicomWebUrl()),
                                       webDestination("Wrong Path", m_orthanc.dicomWebUrl() + "-nothere")};
        QVERIFY(credentials::store("Wrong Path", password));
        QSettings file(m_home.filePath("lightbox/lightbox.ini"), QSettings::IniFormat);
        NodeSettings node;
        SettingsDialog dialog(node, list, file);
        dialog.show();
        dialog.tabs()->setCurrentWidget(dialog.destinationsPage());
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DestinationsPage *page = dialog.destinationsPage();
        QCOMPARE(page->table()->rowCount(), 3);
        QVERIFY(echoButton(page, 0)->isEnabled());

        QTest::mouseClick(echoButton(page, 0), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(0).startsWith("OK · "), 20000);
        QTest::mouseClick(echoButton(page, 1), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(1).startsWith("Failed"), 20000);
        QVERIFY2(page->echoResultText(1).startsWith("Failed: authentication rejected by the server"),
                 qPrintable(page->echoResultText(1)));
        QVERIFY(!page->echoResultText(1).contains("not-the-password"));
        QTest::mouseClick(echoButton(page, 2), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->echoResultText(2).startsWith("Failed"), 20000);
        QVERIFY2(page->echoResultText(2).contains("no DICOMweb service at"), qPrintable(page->echoResultText(2)));
        screenshot(&dialog, "dicomweb-echo");

        // Remove the row with the wrong path, then apply: it is saved without it, and its password is forgotten.
        page->table()->selectRow(2);
        QTest::mouseClick(dialog.findChild<QPushButton *>("removeDestination"), Qt::LeftButton);
        QVERIFY(dialog.apply());
        QFile ini(file.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(text.contains("dicom-web"));
        QVERIFY(text.contains("Cloud PACS"));
        QVERIFY(!text.contains(password.toUtf8()));
        QVERIFY(!text.contains("not-the-password"));
        QVERIFY(!credentials::load("Wrong Path").has_value());
        QCOMPARE(credentials::load("Cloud PACS").value_or(QString()), password);
    }

    void editing_keepsTheStoredPasswordWhenLeftEmpty_andMovesItOnRename()
    {
        QVERIFY(credentials::store("Cloud PACS", password));
        const Destination initial = webDestination("Cloud PACS", m_orthanc.dicomWebUrl());
        {
            DestinationDialog dialog(initial, {});
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto *secret = dialog.findChild<QLineEdit *>("secret");
            QVERIFY(secret->text().isEmpty());
            QCOMPARE(secret->placeholderText(), QString("leave empty to keep the stored password"));
            QVERIFY(dialog.okButton()->isEnabled());
            // Switching to a token needs the token.
            dialog.findChild<QComboBox *>("auth")->setCurrentIndex(2);
            QVERIFY(!dialog.okButton()->isEnabled());
            dialog.findChild<QComboBox *>("auth")->setCurrentIndex(1);
            retype(dialog.findChild<QLineEdit *>("name"), "Cloud PACS 2");
            QVERIFY(dialog.okButton()->isEnabled());
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(credentials::load("Cloud PACS 2").value_or(QString()), password);
        QVERIFY(!credentials::load("Cloud PACS").has_value());
    }
};

QTEST_MAIN(TestWebDestination)
#include "tst_webdestination.moc"

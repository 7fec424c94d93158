// Secrets of destinations: kept by name, in a user-only file when no keyring is reachable (always here: tests
// run without a Secret Service), never in the settings file.
#include "core/common/Credentials.h"
#include "core/common/Destination.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

using namespace lightbox;

class TstCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    static int fileMode(const QString &path)
    {
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return -1;
        return static_cast<int>(st.st_mode & 0777);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.path().toUtf8());
        qputenv("LIGHTBOX_CREDENTIALS", "file");
        // A test must never reach the developer's keyring.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    }

    void filePath_followsConfigHome()
    {
        QCOMPARE(credentials::filePath(), m_home.path() + "/lightbox/credentials");
        QCOMPARE(credentials::backendName(), QString("file"));
    }

    void storeThenLoad_roundTrips()
    {
        QString error;
        QVERIFY2(credentials::store("Main PACS", "s3cr3t-ü:with colon", &error), qPrintable(error));
        const auto loaded = credentials::load("Main PACS", &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        QCOMPARE(*loaded, QString("s3cr3t-ü:with colon"));
        // Destination names compare case-insensitively: so do their secrets.
        QCOMPARE(credentials::load("main pacs").value_or(QString()), QString("s3cr3t-ü:with colon"));
    }

    void twoDestinations_keepTheirOwnSecrets()
    {
        QVERIFY(credentials::store("Cloud A", "token-a"));
        QVERIFY(credentials::store("Cloud B", "token-b"));
        QCOMPARE(credentials::load("Cloud A").value_or(QString()), QString("token-a"));
        QCOMPARE(credentials::load("Cloud B").value_or(QString()), QString("token-b"));
        QVERIFY(credentials::store("Cloud A", "token-a2"));
        QCOMPARE(credentials::load("Cloud A").value_or(QString()), QString("token-a2"));
        QCOMPARE(credentials::load("Cloud B").value_or(QString()), QString("token-b"));
    }

    void remove_forgetsOnlyThatDestination()
    {
        QVERIFY(credentials::store("Gone", "bye"));
        QString error;
        QVERIFY2(credentials::remove("Gone", &error), qPrintable(error));
        QVERIFY(!credentials::load("Gone", &error).has_value());
        QVERIFY2(error.isEmpty(), qPrintable(error)); // none stored is not an error
        QCOMPARE(credentials::load("Cloud B").value_or(QString()), QString("token-b"));
        QVERIFY(credentials::remove("Never stored", &error));
        QFile f(credentials::filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("bye"));
    }

    void file_isUserOnly_fromCreation()
    {
        QFile::remove(credentials::filePath());
        QVERIFY(credentials::store("Fresh", "fresh-secret"));
        QCOMPARE(fileMode(credentials::filePath()), 0600);
        QVERIFY(credentials::store("Fresh 2", "another"));
        QCOMPARE(fileMode(credentials::filePath()), 0600);
        // No temporary copy stays beside it.
        const QStringList beside = QDir(QFileInfo(credentials::filePath()).absolutePath()).entryList(QDir::Files);
        for (const QString &name : beside)
            QVERIFY2(name == "credentials" || name == "credentials.lock" || name == "lightbox.ini", qPrintable(name));
    }

    void looserFile_isRefusedWithAdvice()
    {
        QVERIFY(credentials::store("Loose", "loose-secret"));
        QVERIFY(QFile::setPermissions(credentials::filePath(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QString error;
        QVERIFY(!credentials::load("Loose", &error).has_value());
        QVERIFY2(error.contains("can be read by other users") && error.contains("chmod 600"), qPrintable(error));
        QVERIFY(!error.contains("loose-secret"));
        // Storing again rewrites it user-only, keeping the other secrets.
        QVERIFY(credentials::store("Loose", "new-secret", &error));
        QCOMPARE(fileMode(credentials::filePath()), 0600);
        QCOMPARE(credentials::load("Loose").value_or(QString()), QString("new-secret"));
        QCOMPARE(credentials::load("Fresh").value_or(QString()), QString("fresh-secret"));
    }

    void secret_neverInTheSettingsFile()
    {
        QSettings settings(QSettings::IniFormat, QSettings::UserScope, "lightbox", "lightbox");
        Destination d;
        d.name = "Cloud PACS";
        d.kind = Destination::Kind::DicomWeb;
        d.url = "https://pacs.example.org/dicom-web";
        d.auth = Destination::WebAuth::Basic;
        d.user = "lightbox";
        d.roles = Destination::Sync;
        destinations::save(settings, {d});
        settings.sync();
        QVERIFY(credentials::store(d.name, "correct horse battery staple"));
        QCOMPARE(QFileInfo(settings.fileName()).absolutePath(), QFileInfo(credentials::filePath()).absolutePath());
        QFile ini(settings.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(text.contains("pacs.example.org"));
        QVERIFY(!text.contains("correct horse"));
        QCOMPARE(credentials::load(d.name).value_or(QString()), QString("correct horse battery staple"));
    }

    void autoMode_withoutSessionBus_usesTheFile()
    {
        qputenv("LIGHTBOX_CREDENTIALS", "");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("XDG_RUNTIME_DIR", m_home.path().toUtf8()); // no "bus" socket there
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(credentials::backendName(), QString("file"));
        QVERIFY(credentials::store("Auto", "auto-secret"));
        QCOMPARE(credentials::load("Auto").value_or(QString()), QString("auto-secret"));
        QVERIFY2(clock.elapsed() < 2000, "deciding on the keyring must not wait on D-Bus");
        qputenv("LIGHTBOX_CREDENTIALS", "file");
    }

    void sessionBusWithoutSecretService_usesTheFileAtOnce_andAFailingKeyringFallsBackToIt()
    {
        // A session bus of our own, as on a server or in CI: no secret service is registered, and asking one to be
        // started would wait 25 s for D-Bus activation to fail.
        QProcess daemon;
        daemon.start("dbus-daemon", {"--session", "--nofork", "--print-address=1"});
        QVERIFY(daemon.waitForStarted());
        QVERIFY(daemon.waitForReadyRead(10000));
        const QByteArray address = daemon.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        qputenv("LIGHTBOX_CREDENTIALS", "");
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(credentials::backendName(), QString("file"));
        QVERIFY(credentials::store("On Bus", "bus-secret"));
        QCOMPARE(credentials::load("On Bus").value_or(QString()), QString("bus-secret"));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));

        // Something holds the Secret Service name but does not answer as one: storing tries the keyring, fails
        // and keeps the secret in the file instead, without hanging.
        QDBusConnection impostor = QDBusConnection::connectToBus(QString::fromUtf8(address), "impostor");
        QVERIFY(impostor.isConnected());
        QVERIFY(impostor.registerService("org.freedesktop.secrets"));
        QCOMPARE(credentials::backendName(), QString("keyring"));
        clock.restart();
        QString error;
        QVERIFY2(credentials::store("Fallback", "fallback-secret", &error), qPrintable(error));
        QCOMPARE(credentials::load("Fallback").value_or(QString()), QString("fallback-secret"));
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
        qInfo() << "keyring attempt and fallback took" << clock.elapsed() << "ms";
        QFile f(credentials::filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("fallback-secret"));

        // From a worker thread (a sync worker, an echo in the settings dialog): the keyring job runs on the
        // application's thread, which keeps serving events meanwhile.
        bool storedFromWorker = false;
        std::optional<QString> loadedFromWorker;
        QThread *worker = QThread::create([&] {
            storedFromWorker = credentials::store("Worker", "worker-secret");
            loadedFromWorker = credentials::load("Worker");
        });
        clock.restart();
        worker->start();
        while (!worker->wait(5))
            QCoreApplication::processEvents();
        delete worker;
        QVERIFY(storedFromWorker);
        QCOMPARE(loadedFromWorker.value_or(QString()), QString("worker-secret"));
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));

        impostor.unregisterService("org.freedesktop.secrets");
        QDBusConnection::disconnectFromBus("impostor");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("LIGHTBOX_CREDENTIALS", "file");
        terminateDaemon(daemon);
        QCOMPARE(credentials::backendName(), QString("file"));
    }

private:
    static void terminateDaemon(QProcess &daemon)
    {
        daemon.terminate();
        if (!daemon.waitForFinished(5000)) {
            daemon.kill();
            daemon.waitForFinished(2000);
        }
    }
};

QTEST_GUILESS_MAIN(TstCredentials)
#include "tst_credentials.moc"

#include "core/common/Credentials.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QSaveFile>
#include <QSemaphore>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <fcntl.h>
#include <unistd.h>

#include <functional>
#include <memory>

namespace lightbox::credentials {
namespace {

Q_LOGGING_CATEGORY(lcCredentials, "lightbox.credentials")

// A keyring that does not answer (a locked collection waiting on a prompt nobody sees) must not stall a sync
// worker for ever: give up after this long and use the file.
constexpr int keyringTimeoutMs = 20000;

QString serviceName()
{
    return QStringLiteral("Lightbox");
}

QString keyOf(const QString &destinationName)
{
    return destinationName.trimmed().toLower();
}

enum class Mode { Auto, File, Keyring };

Mode mode()
{
    const QString forced = qEnvironmentVariable("LIGHTBOX_CREDENTIALS").trimmed().toLower();
    if (forced == QLatin1String("file"))
        return Mode::File;
    if (forced == QLatin1String("keyring"))
        return Mode::Keyring;
    return Mode::Auto;
}

// Asks the session bus (a local socket: it answers at once or not at all) whether a secret service is registered or
// activatable. Never asks for one blindly: a D-Bus call to a name nobody serves can wait 25 s before it fails.
bool secretServiceRegistered()
{
    const QString runtimeBus = qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/bus");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")
        && (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") || !QFileInfo::exists(runtimeBus)))
        return false;
    // A connection of its own: the shared session bus connection keeps the address it first saw.
    const QString probe = QStringLiteral("lightbox-credentials-probe");
    bool found = false;
    {
        const QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, probe);
        if (bus.isConnected() && bus.interface()) {
            // Registered now, or startable by the bus from a service file (then activation answers at once).
            const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
            for (const char *name : {"org.freedesktop.secrets", "org.kde.kwalletd6", "org.kde.kwalletd5"}) {
                const QString service = QString::fromLatin1(name);
                const QDBusReply<bool> registered = bus.interface()->isServiceRegistered(service);
                if ((registered.isValid() && registered.value())
                    || (activatable.isValid() && activatable.value().contains(service))) {
                    found = true;
                    break;
                }
            }
        }
    }
    QDBusConnection::disconnectFromBus(probe);
    return found;
}

bool useKeyring()
{
    switch (mode()) {
    case Mode::File:
        return false;
    case Mode::Keyring:
        return true;
    case Mode::Auto:
        break;
    }
    // Asked every time (a local socket round trip, about a millisecond): a keyring may start after Lightbox.
    return secretServiceRegistered();
}

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

// Runs one keychain job to its end with a local event loop, on the application's thread (QtKeychain's job
// queue is a singleton of that thread). From another thread it waits for the application's thread, with a
// time limit so that a blocked application thread cannot dead-lock the caller.
JobOutcome runJob(const std::function<QKeychain::Job *()> &make)
{
    auto state = std::make_shared<JobOutcome>();
    auto done = std::make_shared<QSemaphore>();
    const auto work = [make, state, done] {
        QKeychain::Job *job = make();
        job->setAutoDelete(true);
        QEventLoop loop;
        QObject::connect(job, &QKeychain::Job::finished, &loop, [state, &loop](QKeychain::Job *finished) {
            state->finished = true;
            state->error = finished->error();
            state->errorString = finished->errorString();
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                state->text = read->textData();
            loop.quit();
        });
        QTimer::singleShot(keyringTimeoutMs, &loop, &QEventLoop::quit);
        job->start();
        if (!state->finished)
            loop.exec();
        done->release();
    };
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread()) {
        work();
        return *state;
    }
    QMetaObject::invokeMethod(app, work, Qt::QueuedConnection);
    if (!done->tryAcquire(1, keyringTimeoutMs + 5000))
        return {};
    return *state;
}

QString keyringFailure(const JobOutcome &o)
{
    if (!o.finished)
        return QCoreApplication::translate("lightbox::Credentials", "the keyring did not answer within %1 s")
            .arg(keyringTimeoutMs / 1000);
    // QtKeychain's text describes the keyring, never the secret.
    return QCoreApplication::translate("lightbox::Credentials", "keyring: %1").arg(o.errorString);
}

// --- the user-only file ---

QMutex &fileMutex()
{
    static QMutex mutex;
    return mutex;
}

constexpr QFileDevice::Permissions userOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString looserThanUser(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!(p & others))
        return {};
    return QCoreApplication::translate("lightbox::Credentials",
                                       "the password file %1 can be read by other users: secrets in it may be "
                                       "known to others; change them on the server and run chmod 600 %1")
        .arg(path);
}

// Reads the file's secrets. @return false with @p error when it exists but cannot be trusted or read.
// @param checkPermissions refuse a file others can read (a rewrite, which makes it 0600 again, need not).
bool readFile(QJsonObject *secrets, QString *error, bool checkPermissions = true)
{
    const QString path = filePath();
    QFile f(path);
    if (!f.exists())
        return true;
    if (const QString why = looserThanUser(path); checkPermissions && !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("lightbox::Credentials", "cannot read the password file %1: %2")
                     .arg(path, f.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("lightbox::Credentials",
                                             "the password file %1 is damaged; remove it and enter the passwords "
                                             "again")
                     .arg(path);
        return false;
    }
    *secrets = doc.object();
    return true;
}

bool writeFile(const QJsonObject &secrets, QString *error)
{
    const QString path = filePath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QCoreApplication::translate("lightbox::Credentials", "cannot create the folder of %1").arg(path);
        return false;
    }
    // Create the file 0600 before QSaveFile writes beside it: QSaveFile gives its temporary file the existing
    // file's permissions, so no copy of a secret is ever readable by others, not even for a moment.
    if (!QFileInfo::exists(path)) {
        const QByteArray native = QFile::encodeName(path);
        const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(userOnly)) {
        *error = QCoreApplication::translate("lightbox::Credentials", "cannot write the password file %1: %2")
                     .arg(path, f.errorString());
        return false;
    }
    f.write(QJsonDocument(secrets).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        *error = QCoreApplication::translate("lightbox::Credentials", "cannot write the password file %1: %2")
                     .arg(path, f.errorString());
        return false;
    }
    return true;
}

// Serialises read-modify-write of the file between threads (mutex) and processes (lock file: the GUI and a
// `lightbox destination add` may both change it).
template<typename Change> bool changeFile(Change change, QString *error)
{
    QMutexLocker locker(&fileMutex());
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QLockFile lock(filePath() + QStringLiteral(".lock"));
    if (!lock.tryLock(10000)) {
        *error = QCoreApplication::translate("lightbox::Credentials",
                                             "the password file %1 is locked by another Lightbox; try again")
                     .arg(filePath());
        return false;
    }
    QJsonObject secrets;
    if (!readFile(&secrets, error, false))
        return false; // damaged or unreadable: do not overwrite what may still be recovered
    if (!change(secrets))
        return true; // nothing to write
    return writeFile(secrets, error);
}

bool storeInFile(const QString &name, const QString &secret, QString *error)
{
    return changeFile(
        [&](QJsonObject &secrets) {
            secrets.insert(keyOf(name), secret);
            return true;
        },
        error);
}

bool removeFromFile(const QString &name, QString *error)
{
    if (!QFileInfo::exists(filePath()))
        return true;
    return changeFile(
        [&](QJsonObject &secrets) {
            if (!secrets.contains(keyOf(name)))
                return false;
            secrets.remove(keyOf(name));
            return true;
        },
        error);
}

} // namespace

QString filePath()
{
    // QSettings (UserScope, "lightbox/lightbox.ini") lives in the same folder: an isolated XDG_CONFIG_HOME
    // isolates both.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/lightbox/credentials");
}

QString backendName()
{
    return useKeyring() ? QStringLiteral("keyring") : QStringLiteral("file");
}

bool store(const QString &destinationName, const QString &secret, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    why.clear();
    if (keyOf(destinationName).isEmpty()) {
        why = QCoreApplication::translate("lightbox::Credentials", "a password needs the name of its destination");
        return false;
    }
    if (useKeyring()) {
        const JobOutcome o = runJob([destinationName, secret] {
            auto *job = new QKeychain::WritePasswordJob(serviceName());
            job->setKey(keyOf(destinationName));
            job->setTextData(secret);
            return job;
        });
        if (o.finished && o.error == QKeychain::NoError) {
            QString stale;
            if (!removeFromFile(destinationName, &stale))
                qCWarning(lcCredentials) << "an older password stays in the file:" << stale;
            return true;
        }
        if (mode() == Mode::Keyring) {
            why = keyringFailure(o);
            return false;
        }
        qCWarning(lcCredentials).noquote() << QStringLiteral("cannot store the password of \"%1\" in the keyring (%2); "
                                                             "using %3")
                                                  .arg(destinationName, keyringFailure(o), filePath());
    }
    return storeInFile(destinationName, secret, &why);
}

std::optional<QString> load(const QString &destinationName, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    why.clear();
    if (useKeyring()) {
        const JobOutcome o = runJob([destinationName] {
            auto *job = new QKeychain::ReadPasswordJob(serviceName());
            job->setKey(keyOf(destinationName));
            return job;
        });
        if (o.finished && o.error == QKeychain::NoError)
            return o.text;
        if (!o.finished || o.error != QKeychain::EntryNotFound)
            why = keyringFailure(o); // the file may still have it
    }
    QMutexLocker locker(&fileMutex());
    QJsonObject secrets;
    QString fileError;
    if (!readFile(&secrets, &fileError)) {
        why = fileError;
        return std::nullopt;
    }
    const QJsonValue value = secrets.value(keyOf(destinationName));
    if (value.isString()) {
        why.clear();
        return value.toString();
    }
    return std::nullopt;
}

bool remove(const QString &destinationName, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    why.clear();
    bool ok = true;
    if (useKeyring()) {
        const JobOutcome o = runJob([destinationName] {
            auto *job = new QKeychain::DeletePasswordJob(serviceName());
            job->setKey(keyOf(destinationName));
            return job;
        });
        if (!o.finished || (o.error != QKeychain::NoError && o.error != QKeychain::EntryNotFound)) {
            why = keyringFailure(o);
            ok = false;
        }
    }
    QString fileError;
    if (!removeFromFile(destinationName, &fileError)) {
        why = why.isEmpty() ? fileError : why + QStringLiteral("; ") + fileError;
        ok = false;
    }
    return ok;
}

} // namespace lightbox::credentials

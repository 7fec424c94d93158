#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QThread>

#include <csignal>

namespace lightbox::test {

int terminateByPid(QProcess &process, int timeoutMs)
{
    ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

QString pydicomTestFiles()
{
    return QStringLiteral("/usr/lib/python3/dist-packages/pydicom/data/test_files");
}

QString pydicomCharsetFiles()
{
    return QStringLiteral("/usr/lib/python3/dist-packages/pydicom/data/charset_files");
}

QString python()
{
    return QStringLiteral("/usr/bin/python3");
}

QString sourceDir()
{
    return qEnvironmentVariable("LIGHTBOX_SOURCE_DIR", QStringLiteral("."));
}

QProcessEnvironment testEnvironment(const QString &configHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
    if (!configHome.isEmpty())
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    return env;
}

ToolResult run(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(testEnvironment());
    p.start(program, args);
    ToolResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "cannot start " + program.toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.crashed = true;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.crashed = r.crashed || p.exitStatus() != QProcess::NormalExit;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

LightboxProcess::LightboxProcess()
    : m_storage(m_data.path() + QStringLiteral("/storage"))
    , m_logPath(m_data.path() + QStringLiteral("/lightbox.log"))
{
}

LightboxProcess::~LightboxProcess()
{
    stop(10000);
}

qint64 LightboxProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString LightboxProcess::log() const
{
    QFile f(m_logPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

bool LightboxProcess::start(const QStringList &extraArgs)
{
    if (m_port == 0)
        m_port = freePort();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(testEnvironment(m_config.path()));
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logPath, QIODevice::Append);
    QStringList args {QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(m_port),
                      QStringLiteral("--storage"), m_storage};
    args += extraArgs;
    m_process->start(qEnvironmentVariable("LIGHTBOX_BIN"), args);
    if (!m_process->waitForStarted(10000))
        return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000) {
        if (m_process->state() != QProcess::Running)
            return false;
        // Ours is up when it logged that it is ready and a DICOM association gets an answer (accepted, or
        // refused by its rules: either way it is listening).
        if (log().contains(QLatin1String(" ready: "))) {
            const ToolResult echo = run(QStringLiteral("echoscu"),
                                        {QStringLiteral("-aet"), m_probeAe, QStringLiteral("-to"), QStringLiteral("2"),
                                         QStringLiteral("127.0.0.1"), QString::number(m_port)},
                                        5000);
            if (echo.exitCode == 0 || echo.all().contains(QLatin1String("Association Rejected")))
                return !m_process->waitForFinished(0) && m_process->state() == QProcess::Running;
        }
        // Also lets QProcess notice an early exit (it has no event loop here).
        if (m_process->waitForFinished(20))
            return false;
    }
    return false;
}

int LightboxProcess::stop(int timeoutMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        const int code = m_process ? (m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1) : 0;
        m_process.reset();
        return code;
    }
    const int code = terminateByPid(*m_process, timeoutMs);
    m_process.reset();
    return code;
}

void LightboxProcess::terminate()
{
    if (m_process && m_process->state() == QProcess::Running)
        ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
}

void LightboxProcess::kill()
{
    if (!m_process)
        return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
    m_process.reset();
}

ReferenceStoreScp::ReferenceStoreScp() = default;

ReferenceStoreScp::~ReferenceStoreScp()
{
    stop();
}

bool ReferenceStoreScp::start()
{
    m_port = freePort();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(testEnvironment());
    m_process->start(
        QStringLiteral("storescp"),
        {QStringLiteral("+B"), QStringLiteral("+xa"), QStringLiteral("-od"), m_dir.path(), QString::number(m_port)});
    if (!m_process->waitForStarted(10000))
        return false;
    for (int i = 0; i < 200; ++i) {
        if (run(QStringLiteral("echoscu"), {QStringLiteral("127.0.0.1"), QString::number(m_port)}, 5000).exitCode == 0)
            return true;
        QThread::msleep(25);
    }
    return false;
}

void ReferenceStoreScp::stop()
{
    if (!m_process)
        return;
    terminateByPid(*m_process, 5000);
    m_process.reset();
}

void ReferenceStoreScp::clear()
{
    QDir dir(m_dir.path());
    for (const QString &f : dir.entryList(QDir::Files))
        dir.remove(f);
}

OrthancProcess::OrthancProcess() = default;

OrthancProcess::~OrthancProcess()
{
    stop();
}

bool OrthancProcess::start(const QString &extraConfig)
{
    m_dicomPort = freePort();
    m_httpPort = freePort();
    while (m_httpPort == m_dicomPort)
        m_httpPort = freePort();
    const QString config = m_dir.path() + QStringLiteral("/orthanc.json");
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QStringLiteral("{\"Name\": \"LIGHTBOX-TEST\", \"StorageDirectory\": \"%1/storage\", "
                           "\"IndexDirectory\": \"%1/index\", \"DicomAet\": \"ORTHANC\", \"DicomPort\": %2, "
                           "\"HttpPort\": %3, \"RemoteAccessAllowed\": false, \"AuthenticationEnabled\": %5%4}")
                .arg(m_dir.path())
                .arg(m_dicomPort)
                .arg(m_httpPort)
                .arg((extraConfig.isEmpty() ? QString() : QStringLiteral(", ") + extraConfig)
                     + (m_dicomWeb
                            ? QStringLiteral(", \"Plugins\": [\"/usr/share/orthanc/plugins/libOrthancDicomWeb.so\"], "
                                             "\"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\"}")
                            : QString())
                     + (m_user.isEmpty()
                            ? QString()
                            : QStringLiteral(", \"RegisteredUsers\": {\"%1\": \"%2\"}").arg(m_user, m_password)))
                .arg(m_user.isEmpty() ? QStringLiteral("false") : QStringLiteral("true"))
                .toUtf8());
    f.close();
    return restart();
}

bool OrthancProcess::restart()
{
    const QString config = m_dir.path() + QStringLiteral("/orthanc.json");
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(testEnvironment());
    m_process->setStandardOutputFile(m_dir.path() + QStringLiteral("/orthanc.log"), QIODevice::Append);
    m_process->setStandardErrorFile(m_dir.path() + QStringLiteral("/orthanc.log"), QIODevice::Append);
    m_process->start(QStringLiteral("Orthanc"), {config});
    if (!m_process->waitForStarted(10000))
        return false;
    for (int i = 0; i < 400; ++i) {
        if (m_process->state() != QProcess::Running)
            return false;
        if (!get(QStringLiteral("/system")).isEmpty())
            return true;
        QThread::msleep(25);
    }
    return false;
}

void OrthancProcess::kill()
{
    if (!m_process)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
    m_process.reset();
}

int OrthancProcess::instanceCount() const
{
    const QJsonObject stats = QJsonDocument::fromJson(get(QStringLiteral("/statistics"))).object();
    return stats.contains(QStringLiteral("CountInstances")) ? stats.value(QStringLiteral("CountInstances")).toInt()
                                                            : -1;
}

void OrthancProcess::stop()
{
    if (!m_process)
        return;
    terminateByPid(*m_process, 10000);
    m_process.reset();
}

QStringList OrthancProcess::curlAuth() const
{
    if (m_user.isEmpty())
        return {};
    return {QStringLiteral("-u"), m_user + QLatin1Char(':') + m_password};
}

QByteArray OrthancProcess::get(const QString &path) const
{
    const ToolResult r = run(
        QStringLiteral("curl"),
        curlAuth()
            + QStringList {QStringLiteral("-sf"), QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path)},
        10000);
    return r.exitCode == 0 ? r.out : QByteArray();
}

QByteArray OrthancProcess::instanceFile(const QString &sopInstanceUid) const
{
    const QString id = instanceId(sopInstanceUid);
    return id.isEmpty() ? QByteArray() : get(QStringLiteral("/instances/%1/file").arg(id));
}

namespace {

QByteArray curlWithBody(quint16 port, const char *method, const QString &path, const QByteArray &body,
                        const QString &tempDir, const QStringList &auth = {})
{
    // The body goes through a file: a DICOM upload is binary.
    QTemporaryFile file(tempDir + QStringLiteral("/body-XXXXXX"));
    if (!file.open())
        return {};
    file.write(body);
    file.flush();
    const ToolResult r
        = run(QStringLiteral("curl"),
              auth
                  + QStringList {QStringLiteral("-sf"), QStringLiteral("-X"), QString::fromLatin1(method),
                                 QStringLiteral("--data-binary"), QStringLiteral("@") + file.fileName(),
                                 QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)},
              60000);
    return r.exitCode == 0 ? (r.out.isEmpty() ? QByteArray("{}") : r.out) : QByteArray();
}

} // namespace

QByteArray OrthancProcess::post(const QString &path, const QByteArray &body) const
{
    return curlWithBody(m_httpPort, "POST", path, body, m_dir.path(), curlAuth());
}

QByteArray OrthancProcess::put(const QString &path, const QByteArray &body) const
{
    return curlWithBody(m_httpPort, "PUT", path, body, m_dir.path(), curlAuth());
}

bool OrthancProcess::remove(const QString &path) const
{
    const ToolResult r = run(QStringLiteral("curl"),
                             {QStringLiteral("-sf"), QStringLiteral("-X"), QStringLiteral("DELETE"),
                              QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path)},
                             60000);
    return r.exitCode == 0;
}

bool OrthancProcess::deleteStudy(const QString &studyInstanceUid) const
{
    bool deleted = false;
    const QJsonArray found
        = QJsonDocument::fromJson(post(QStringLiteral("/tools/lookup"), studyInstanceUid.toUtf8())).array();
    for (const QJsonValue &match : found)
        if (match[QStringLiteral("Type")].toString() == QLatin1String("Study"))
            deleted = remove(QStringLiteral("/studies/") + match[QStringLiteral("ID")].toString()) || deleted;
    return deleted;
}

bool OrthancProcess::addModality(const QString &name, const QString &aeTitle, quint16 port, const QString &host) const
{
    const QByteArray body
        = QStringLiteral("{\"AET\": \"%1\", \"Host\": \"%2\", \"Port\": %3}").arg(aeTitle, host).arg(port).toUtf8();
    return !put(QStringLiteral("/modalities/") + name, body).isEmpty();
}

QString OrthancProcess::instanceId(const QString &sopInstanceUid) const
{
    const QJsonArray found
        = QJsonDocument::fromJson(post(QStringLiteral("/tools/lookup"), sopInstanceUid.toUtf8())).array();
    for (const QJsonValue &v : found)
        if (v.toObject().value(QStringLiteral("Type")).toString() == QLatin1String("Instance"))
            return v.toObject().value(QStringLiteral("ID")).toString();
    return {};
}

int OrthancProcess::upload(const QStringList &files) const
{
    int accepted = 0;
    for (const QString &file : files) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly) && !post(QStringLiteral("/instances"), f.readAll()).isEmpty())
            ++accepted;
    }
    return accepted;
}

QStringList OrthancProcess::instancesOfStudy(const QString &studyInstanceUid) const
{
    QStringList uids;
    const QJsonArray found
        = QJsonDocument::fromJson(post(QStringLiteral("/tools/lookup"), studyInstanceUid.toUtf8())).array();
    for (const QJsonValue &match : found) {
        if (match[QStringLiteral("Type")].toString() != QLatin1String("Study"))
            continue;
        const QString id = match[QStringLiteral("ID")].toString();
        const QJsonArray instances
            = QJsonDocument::fromJson(get(QStringLiteral("/studies/%1/instances").arg(id))).array();
        for (const QJsonValue &instance : instances)
            uids << instance[QStringLiteral("MainDicomTags")][QStringLiteral("SOPInstanceUID")].toString();
    }
    return uids;
}

QHash<QString, QString> makeStudies(const QByteArray &specsJson, const QString &outDir, QString *error)
{
    QHash<QString, QString> uids;
    const QString specPath = outDir + QStringLiteral(".spec.json");
    QFile spec(specPath);
    if (!spec.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("cannot write ") + specPath;
        return uids;
    }
    spec.write(specsJson);
    spec.close();
    const ToolResult made
        = run(python(), {sourceDir() + QStringLiteral("/tests/tools/make_studies.py"), specPath, outDir});
    if (made.exitCode != 0) {
        if (error)
            *error = made.all();
        return uids;
    }
    for (const QByteArray &line : made.out.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2)
            uids.insert(QString::fromUtf8(parts[0]), QString::fromUtf8(parts[1]));
    }
    return uids;
}

int countFiles(const QString &dir)
{
    int n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

QString writeStorescuProfile(const QString &dir, const QString &sopClass, const QString &transferSyntax)
{
    const QString path = dir + QStringLiteral("/profile.cfg");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(QStringLiteral("[[TransferSyntaxes]]\n[Original]\nTransferSyntax1 = %1\n"
                           "[[PresentationContexts]]\n[Contexts]\nPresentationContext1 = %2\\Original\n"
                           "[[Profiles]]\n[Send]\nPresentationContexts = Contexts\n")
                .arg(transferSyntax, sopClass)
                .toUtf8());
    return path;
}

ToolResult LightboxProcess::command(const QStringList &args) const
{
    return command(args, {});
}

ToolResult LightboxProcess::command(const QStringList &args, const QByteArray &input) const
{
    QProcess p;
    p.setProcessEnvironment(testEnvironment(m_config.path()));
    p.start(qEnvironmentVariable("LIGHTBOX_BIN"), args + QStringList {QStringLiteral("--storage"), m_storage});
    if (p.waitForStarted(10000))
        p.write(input);
    p.closeWriteChannel();
    ToolResult r;
    p.waitForFinished(60000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace lightbox::test

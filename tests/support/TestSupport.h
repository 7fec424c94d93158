#pragma once

#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace lightbox::test {

/// SIGTERM to @p process, wait up to @p timeoutMs, then SIGKILL. @return its exit code, -1 if killed or crashed.
int terminateByPid(QProcess &process, int timeoutMs);

/// A TCP port on 127.0.0.1 that nothing listens on right now.
quint16 freePort();

/// Folder of pydicom's test files (/usr/lib/python3/dist-packages/pydicom/data/test_files).
QString pydicomTestFiles();
/// Folder of pydicom's charset files.
QString pydicomCharsetFiles();
/// Debian's python with pydicom: /usr/bin/python3.
QString python();
/// The source tree (LIGHTBOX_SOURCE_DIR).
QString sourceDir();

/// Result of running a tool to completion.
struct ToolResult
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
    QString all() const { return QString::fromUtf8(out + err); }
};

/// Runs @p program with @p args, waits up to @p timeoutMs, returns output. TCP_NODELAY=1 is set for dcmtk tools.
ToolResult run(const QString &program, const QStringList &args, int timeoutMs = 120000);

/// A `lightbox --headless` process on a free port with its own storage folder and settings; stopped (SIGTERM,
/// then SIGKILL) by PID when destroyed.
class LightboxProcess
{
public:
    LightboxProcess();
    ~LightboxProcess();

    /// Starts it and waits until it answers a C-ECHO. @p extraArgs go to lightbox. @return false on failure.
    bool start(const QStringList &extraArgs = {});
    /// SIGTERM and wait. @return the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 30000);
    /// Sends SIGTERM and returns at once (stop() then waits).
    void terminate();
    /// SIGKILL, no clean-up: for crash tests.
    void kill();

    quint16 port() const { return m_port; }
    QString storage() const { return m_storage; }
    QString configHome() const { return m_config.path(); }
    qint64 pid() const;
    QString log() const;
    /// Runs `lightbox ARGS --storage STORAGE` (stats, studies, ...), with the same settings home.
    ToolResult command(const QStringList &args) const;
    /// The same, with @p input on its standard input (e.g. a password, which never goes on the command line).
    ToolResult command(const QStringList &args, const QByteArray &input) const;

    /// Use another storage folder (before start()).
    void setStorage(const QString &dir) { m_storage = dir; }
    /// Calling AE title of the readiness probe (default ECHOSCU).
    void setProbeAe(const QString &ae) { m_probeAe = ae; }
    /// Keep the same port on restart (default: a new free port each start).
    void setPort(quint16 port) { m_port = port; }

private:
    QTemporaryDir m_config;
    QTemporaryDir m_data;
    QString m_storage;
    QString m_logPath;
    quint16 m_port = 0;
    QString m_probeAe = QStringLiteral("ECHOSCU");
    std::unique_ptr<QProcess> m_process;
};

/// dcmtk's storescp in bit-preserving mode (+B, all transfer syntaxes): the reference for "stored unchanged".
class ReferenceStoreScp
{
public:
    ReferenceStoreScp();
    ~ReferenceStoreScp();
    bool start();
    void stop();
    quint16 port() const { return m_port; }
    QString outputDir() const { return m_dir.path(); }
    /// Removes everything received so far.
    void clear();

private:
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

/// A real Orthanc (Debian's `orthanc`) on free loopback ports with its own configuration and storage; stopped by
/// PID when destroyed.
class OrthancProcess
{
public:
    OrthancProcess();
    ~OrthancProcess();
    /// @param extraConfig JSON members added to the configuration, e.g. "\"DicomAlwaysAllowEcho\": false".
    bool start(const QString &extraConfig = {});
    void stop();
    quint16 dicomPort() const { return m_dicomPort; }
    quint16 httpPort() const { return m_httpPort; }
    /// GET on Orthanc's REST API; empty on failure.
    QByteArray get(const QString &path) const;
    /// POST @p body to Orthanc's REST API (e.g. "/instances" with a DICOM file, "/tools/find" with JSON).
    /// @return the answer; empty on failure.
    QByteArray post(const QString &path, const QByteArray &body) const;
    /// PUT @p body (JSON) on Orthanc's REST API. @return the answer ("{}" style); empty on failure.
    QByteArray put(const QString &path, const QByteArray &body) const;
    /// DELETE on Orthanc's REST API (e.g. "/studies/ID"). @return true when Orthanc answered with success.
    bool remove(const QString &path) const;
    /// Deletes the study @p studyInstanceUid from Orthanc (as a PACS that lost it). @return false if it has none.
    bool deleteStudy(const QString &studyInstanceUid) const;
    /// Registers a DICOM modality (PUT /modalities/NAME), e.g. a Lightbox as a C-MOVE destination.
    bool addModality(const QString &name, const QString &aeTitle, quint16 port,
                     const QString &host = QStringLiteral("127.0.0.1")) const;
    /// Orthanc's ID of the instance with @p sopInstanceUid (POST /tools/lookup), empty if it has none.
    QString instanceId(const QString &sopInstanceUid) const;
    /// Folder of Orthanc's configuration and log (orthanc.log), for diagnostics.
    QString dir() const { return m_dir.path(); }
    /// Stores DICOM files in Orthanc through REST (POST /instances), as a PACS that already has them.
    /// @return how many Orthanc accepted.
    int upload(const QStringList &files) const;
    /// The SOP Instance UIDs Orthanc holds for the study @p studyInstanceUid (empty if it has none).
    QStringList instancesOfStudy(const QString &studyInstanceUid) const;
    /// SIGKILL: Orthanc dies at once (restart() brings it back on the same ports and storage).
    void kill();
    /// Starts Orthanc again with the configuration, ports and storage of the last start(). @return false on failure.
    bool restart();
    /// Orthanc's CountInstances (GET /statistics), -1 when it does not answer.
    int instanceCount() const;

    /// Loads the DICOMweb plugin (Debian's orthanc-dicomweb) with its service at /dicom-web/ (before start()).
    void enableDicomWeb() { m_dicomWeb = true; }
    /// Turns HTTP authentication on with one registered user (before start()); the REST helpers then
    /// authenticate as this user.
    void setRegisteredUser(const QString &user, const QString &password)
    {
        m_user = user;
        m_password = password;
    }
    /// The DICOMweb service root, e.g. http://127.0.0.1:PORT/dicom-web.
    QString dicomWebUrl() const { return QStringLiteral("http://127.0.0.1:%1/dicom-web").arg(m_httpPort); }
    /// The file Orthanc stored for the instance with @p sopInstanceUid (GET /instances/ID/file), empty if none.
    QByteArray instanceFile(const QString &sopInstanceUid) const;

private:
    QStringList curlAuth() const;

    QTemporaryDir m_dir;
    quint16 m_dicomPort = 0;
    quint16 m_httpPort = 0;
    bool m_dicomWeb = false;
    QString m_user;
    QString m_password;
    std::unique_ptr<QProcess> m_process;
};

/// Writes a dcmtk association profile ("Send") that proposes exactly @p sopClass in @p transferSyntax, so storescu
/// sends a file as it is. @return the path of the file written into @p dir.
QString writeStorescuProfile(const QString &dir, const QString &sopClass, const QString &transferSyntax);

/// Writes small studies with tests/tools/make_studies.py from @p specs (its JSON list: key, name, id, accession,
/// date, series, ...) into @p outDir/<key>/. @return key -> Study Instance UID (empty with @p error on failure).
QHash<QString, QString> makeStudies(const QByteArray &specsJson, const QString &outDir, QString *error = nullptr);

/// How many regular files are under @p dir, its sub-folders included.
int countFiles(const QString &dir);

/// Environment for child processes: isolated XDG folders, TCP_NODELAY=1.
QProcessEnvironment testEnvironment(const QString &configHome = {});

} // namespace lightbox::test

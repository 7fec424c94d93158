#include "app/testsend/TestSender.h"

#include "app/testsend/InstancePipeline.h"
#include "core/dicom/SyntheticStudy.h"
#include "core/net/EchoScu.h"
#include "core/net/StoreScu.h"

#include <QDir>
#include <QElapsedTimer>

namespace lightbox {
namespace {

constexpr int kFailuresShownPerStudy = 5;

QString megabytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 2);
}

QString seconds(qint64 ns)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 2);
}

// "1 instance", "2 instances".
QString counted(qint64 n, const QString &noun)
{
    return QString::number(n) + QLatin1Char(' ') + noun + (n == 1 ? QString() : QStringLiteral("s"));
}

QString perSecond(double amount, qint64 ns)
{
    return ns > 0 ? QString::number(amount / (static_cast<double>(ns) / 1e9), 'f', 1) : QStringLiteral("-");
}

} // namespace

TestSender::TestSender(const TestSendOptions &options, QTextStream &out, QTextStream &err)
    : m_options(options)
    , m_out(out)
    , m_err(err)
{
}

int TestSender::run()
{
    if (m_options.send && !echo())
        return 2;
    if (!m_options.outDir.isEmpty() && !QDir().mkpath(m_options.outDir)) {
        m_err << "lightbox-testsend: cannot create the output folder " << m_options.outDir << Qt::endl;
        return 3;
    }
    const QDateTime now = QDateTime::currentDateTime();
    const int templates = static_cast<int>(m_options.kinds.size());
    for (int i = 0; i < m_options.count; ++i) {
        SyntheticOptions so;
        so.kind = m_options.kinds.at(i % templates);
        so.matrix = m_options.matrix;
        so.slices = m_options.slices;
        so.variant = i / templates;
        so.when = now;
        const SyntheticStudy study(so);
        if (!process(i + 1, study))
            return 3;
    }

    const Totals &t = m_totals;
    const QString studies
        = QString::number(t.studies) + (t.studies == 1 ? QStringLiteral(" study") : QStringLiteral(" studies"));
    if (m_options.send) {
        const qint64 stored = t.succeeded + t.warnings;
        m_out << "Summary: " << studies << ", " << counted(t.succeeded, QStringLiteral("instance")) << " sent, "
              << t.failed << " failed";
        if (t.warnings > 0)
            m_out << ", " << t.warnings << " stored with warnings";
        m_out << ", " << megabytes(t.bytes) << " MB in " << seconds(t.wallNs) << " s ("
              << perSecond(static_cast<double>(stored), t.wallNs) << " instances/s, "
              << perSecond(static_cast<double>(t.bytes) / 1e6, t.wallNs) << " MB/s) to " << m_options.target.toString()
              << Qt::endl;
        m_out << "  C-STORE alone: " << seconds(t.storeNs) << " s ("
              << perSecond(static_cast<double>(stored), t.storeNs)
              << " instances/s); building the images: " << seconds(t.generateNs) << " s, alongside" << Qt::endl;
    } else {
        m_out << "Summary: " << studies << ", " << counted(t.instances, QStringLiteral("instance")) << " written to "
              << QDir(m_options.outDir).absolutePath() << " in " << seconds(t.wallNs) << " s" << Qt::endl;
    }
    return t.failed == 0 && t.warnings == 0 ? 0 : 1;
}

bool TestSender::echo()
{
    const EchoResult r = EchoScu::echo(m_options.target, m_options.callingAe, m_options.timeoutSeconds);
    if (!r.ok) {
        m_err << "lightbox-testsend: C-ECHO to " << m_options.target.toString() << " as " << m_options.callingAe
              << " failed: " << r.error << Qt::endl;
        if (!r.detail.isEmpty())
            m_err << "  (" << r.detail << ")" << Qt::endl;
        m_err << "Nothing was sent." << Qt::endl;
        return false;
    }
    m_out << "C-ECHO " << m_options.target.toString() << " as " << m_options.callingAe << ": ok ("
          << QString::number(r.roundTripMs, 'f', 1) << " ms)" << Qt::endl;
    return true;
}

bool TestSender::connect(StoreScu &scu, const SyntheticStudy &study)
{
    QList<StoreContext> contexts;
    for (const QString &sopClass : study.sopClassUids())
        contexts.append({sopClass, study.transferSyntaxUid()});
    QString why;
    if (scu.connect(m_options.target, m_options.callingAe, contexts, &why, m_options.timeoutSeconds))
        return true;
    m_err << "  cannot open an association to " << m_options.target.toString() << ": " << why << Qt::endl;
    return false;
}

bool TestSender::process(int number, const SyntheticStudy &study)
{
    const int total = study.instanceCount();
    QString folder;
    if (!m_options.outDir.isEmpty()) {
        folder = QDir(m_options.outDir)
                     .filePath(QStringLiteral("study%1-%2").arg(number, 3, 10, QLatin1Char('0')).arg(study.modality()));
    }
    Totals done {};
    QElapsedTimer wall;
    wall.start();
    QElapsedTimer clock;
    StoreScu scu;
    bool reconnected = false;
    int shown = 0;

    bool sending = m_options.send;
    if (sending) {
        clock.start();
        sending = connect(scu, study);
        done.storeNs += clock.nsecsElapsed();
        if (!sending)
            done.failed = total;
    }
    if (sending || !folder.isEmpty()) {
        InstancePipeline pipeline(study, folder);
        while (const auto item = pipeline.next()) {
            ++done.instances;
            if (!sending)
                continue;
            clock.start();
            if (!scu.isConnected()) {
                // One new association per study after a lost connection; the rest of the study counts as failed
                // if that does not work either.
                if (reconnected || !connect(scu, study))
                    break;
                reconnected = true;
            }
            const StoreResult r = scu.send(item->object);
            done.storeNs += clock.nsecsElapsed();
            if (r.success() || r.warning())
                done.bytes += r.bytes;
            if (r.success()) {
                ++done.succeeded;
                continue;
            }
            if (r.warning())
                ++done.warnings;
            else
                ++done.failed;
            if (shown++ < kFailuresShownPerStudy) {
                m_err << "  " << study.relativePath(item->index) << " (" << r.sopInstanceUid << "): " << r.error;
                if (!r.detail.isEmpty())
                    m_err << " [" << r.detail << "]";
                m_err << Qt::endl;
            }
        }
        done.generateNs = pipeline.busyNs();
        if (const QString why = pipeline.error(); !why.isEmpty()) {
            m_err << "lightbox-testsend: " << why << Qt::endl;
            return false;
        }
    }
    if (m_options.send) {
        clock.start();
        if (scu.isConnected())
            scu.release();
        done.storeNs += clock.nsecsElapsed();
        done.failed += total - done.succeeded - done.warnings - done.failed; // never generated or never sent
        if (shown > kFailuresShownPerStudy)
            m_err << "  ... and " << (shown - kFailuresShownPerStudy) << " more problems in this study" << Qt::endl;
    }
    done.wallNs = wall.nsecsElapsed();

    m_out << "Study " << number << "/" << m_options.count << ": " << study.patientName() << " (" << study.patientId()
          << "), " << study.modality() << " \"" << study.studyDescription() << "\", accession "
          << study.accessionNumber() << ", " << study.series().size() << " series, "
          << counted(total, QStringLiteral("instance")) << ", " << study.matrixSize() << "x" << study.matrixSize();
    if (m_options.send) {
        m_out << ": " << done.succeeded << " ok, " << done.failed << " failed";
        if (done.warnings > 0)
            m_out << ", " << done.warnings << " with warnings";
        m_out << ", " << megabytes(done.bytes) << " MB in " << seconds(done.wallNs) << " s";
    }
    if (!folder.isEmpty())
        m_out << (m_options.send ? ", written to " : ": written to ") << folder;
    m_out << Qt::endl;

    ++m_totals.studies;
    m_totals.instances += done.instances;
    m_totals.succeeded += done.succeeded;
    m_totals.warnings += done.warnings;
    m_totals.failed += done.failed;
    m_totals.bytes += done.bytes;
    m_totals.storeNs += done.storeNs;
    m_totals.generateNs += done.generateNs;
    m_totals.wallNs += done.wallNs;
    return true;
}

} // namespace lightbox

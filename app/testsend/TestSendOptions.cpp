#include "app/testsend/TestSendOptions.h"

#include <QCommandLineParser>

namespace lightbox {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(QStringLiteral(
        "lightbox-testsend, a modality simulator: it generates synthetic studies with realistic patient data and\n"
        "sends them to a DICOM receiver (C-ECHO first, then C-STORE), or writes them to a folder.\n\n"
        "Studies (--study):\n"
        "  john   John^Doe, CT chest with contrast: scout + axial soft tissue + axial lung (1 + 2 x slices)\n"
        "  jane   Jane^Smith, MRI brain: T1, T2 and FLAIR series (3 x slices)\n"
        "  bob    Bob^Wilson, chest X-ray: CR, PA view, 1 image\n"
        "  xa     Maria^Garcia, coronary angiography: 2 multi-frame XA cine runs (slices = frames)\n"
        "  all    all four, in that order (the default)\n"
        "--count N cycles through the chosen studies; after the first round every study gets another patient.\n"
        "Every study gets fresh UIDs and an accession number; study date and time are now.\n\n"
        "Environment: ORTHANC_HOST and ORTHANC_PORT give the default host and port (else 127.0.0.1 and 4242).\n"
        "Exit codes: 0 every instance stored with Success; 1 some were not; 2 the target did not answer the\n"
        "C-ECHO; 3 bad arguments or the output folder cannot be written.\n\n"
        "Examples:\n"
        "  lightbox-testsend --port 4242 --aec LIGHTBOX\n"
        "  lightbox-testsend --study john --count 50 --size 64      # load test\n"
        "  lightbox-testsend --study all --out /tmp/studies         # files only"));
    p.addOptions({
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")},
        {QStringLiteral("version"), QStringLiteral("Show the version.")},
        {QStringLiteral("host"), QStringLiteral("Receiver host (default $ORTHANC_HOST or 127.0.0.1)."),
         QStringLiteral("HOST")},
        {QStringLiteral("port"), QStringLiteral("Receiver port (default $ORTHANC_PORT or 4242)."),
         QStringLiteral("PORT")},
        {QStringLiteral("aec"), QStringLiteral("Called AE title of the receiver (default ANY-SCP)."),
         QStringLiteral("AE")},
        {QStringLiteral("aet"), QStringLiteral("Our calling AE title (default TESTSEND)."), QStringLiteral("AE")},
        {QStringLiteral("study"), QStringLiteral("john, jane, bob, xa or all; a comma list works too (default all)."),
         QStringLiteral("NAME")},
        {QStringLiteral("count"), QStringLiteral("Number of studies to generate (default: one of each chosen study)."),
         QStringLiteral("N")},
        {QStringLiteral("size"),
         QStringLiteral("Image matrix in pixels, 16 to 4096 (default CT 512, MR 256, CR 2048, XA 512)."),
         QStringLiteral("PIXELS")},
        {QStringLiteral("slices"),
         QStringLiteral("Images per CT/MR series and frames per XA run (default CT 40, MR 20, XA 30)."),
         QStringLiteral("N")},
        {QStringLiteral("out"), QStringLiteral("Write the files into DIR instead of sending them."),
         QStringLiteral("DIR")},
        {QStringLiteral("send"), QStringLiteral("With --out: send the studies as well.")},
        {QStringLiteral("timeout"), QStringLiteral("Seconds to wait for connecting and for each answer (default 30)."),
         QStringLiteral("S")},
    });
}

std::optional<int> number(const QCommandLineParser &p, const QString &name, int low, int high, QString *error)
{
    bool ok = false;
    const int value = p.value(name).toInt(&ok);
    if (!ok || value < low || value > high) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3").arg(name).arg(low).arg(high);
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<TestSendOptions> TestSendOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser p;
    addOptions(p);
    if (!p.parse(arguments)) {
        *error = p.errorText();
        return std::nullopt;
    }
    TestSendOptions o;
    o.helpRequested = p.isSet(QStringLiteral("help"));
    o.versionRequested = p.isSet(QStringLiteral("version"));
    if (!p.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument \"%1\" (see --help)").arg(p.positionalArguments().first());
        return std::nullopt;
    }

    o.target.host = p.isSet(QStringLiteral("host")) ? p.value(QStringLiteral("host"))
                                                    : qEnvironmentVariable("ORTHANC_HOST", QStringLiteral("127.0.0.1"));
    if (o.target.host.trimmed().isEmpty()) {
        *error = QStringLiteral("the host name is empty");
        return std::nullopt;
    }
    const QString portText = p.isSet(QStringLiteral("port"))
        ? p.value(QStringLiteral("port"))
        : qEnvironmentVariable("ORTHANC_PORT", QStringLiteral("4242"));
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        *error = p.isSet(QStringLiteral("port"))
            ? QStringLiteral("--port must be a number from 1 to 65535")
            : QStringLiteral("ORTHANC_PORT=\"%1\" is not a port number from 1 to 65535").arg(portText);
        return std::nullopt;
    }
    o.target.port = static_cast<quint16>(port);
    o.target.aeTitle = p.isSet(QStringLiteral("aec")) ? p.value(QStringLiteral("aec")) : QStringLiteral("ANY-SCP");
    if (p.isSet(QStringLiteral("aet")))
        o.callingAe = p.value(QStringLiteral("aet"));
    if (const QString why = validateAeTitle(o.target.aeTitle); !why.isEmpty()) {
        *error = QStringLiteral("--aec: %1").arg(why);
        return std::nullopt;
    }
    if (const QString why = validateAeTitle(o.callingAe); !why.isEmpty()) {
        *error = QStringLiteral("--aet: %1").arg(why);
        return std::nullopt;
    }

    const QString study = p.isSet(QStringLiteral("study")) ? p.value(QStringLiteral("study")) : QStringLiteral("all");
    for (const QString &name : study.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (name.trimmed().compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
            o.kinds += SyntheticStudy::allKinds();
            continue;
        }
        const auto kind = SyntheticStudy::kindFromName(name);
        if (!kind) {
            *error = QStringLiteral("--study: unknown study \"%1\" (use john, jane, bob, xa or all)").arg(name);
            return std::nullopt;
        }
        o.kinds.append(*kind);
    }
    if (o.kinds.isEmpty()) {
        *error = QStringLiteral("--study: name at least one study (john, jane, bob, xa or all)");
        return std::nullopt;
    }
    o.count = static_cast<int>(o.kinds.size());

    struct Range
    {
        const char *name;
        int low, high;
        int *target;
    };
    const Range ranges[] = {{"count", 1, 1000000, &o.count},
                            {"size", 16, 4096, &o.matrix},
                            {"slices", 1, 5000, &o.slices},
                            {"timeout", 1, 3600, &o.timeoutSeconds}};
    for (const Range &r : ranges) {
        const QString name = QString::fromLatin1(r.name);
        if (!p.isSet(name))
            continue;
        const auto value = number(p, name, r.low, r.high, error);
        if (!value)
            return std::nullopt;
        *r.target = *value;
    }

    if (p.isSet(QStringLiteral("out"))) {
        o.outDir = p.value(QStringLiteral("out"));
        o.send = p.isSet(QStringLiteral("send"));
    }
    return o;
}

QString TestSendOptions::helpText()
{
    QCommandLineParser p;
    addOptions(p);
    return p.helpText();
}

} // namespace lightbox

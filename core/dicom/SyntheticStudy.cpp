#include "core/dicom/SyntheticStudy.h"

#include "core/dicom/SyntheticDataset.h"
#include "core/dicom/SyntheticPlan.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace lightbox {
namespace {

QString newUid(const char *root)
{
    char buffer[100] = {};
    dcmGenerateUniqueIdentifier(buffer, root);
    return QString::fromLatin1(buffer);
}

// A deterministic hash for varied patient data: the same variant gives the same patient.
uint32_t mix(uint32_t value)
{
    value ^= value >> 16;
    value *= 0x7feb352dU;
    value ^= value >> 15;
    value *= 0x846ca68bU;
    value ^= value >> 16;
    return value;
}

SyntheticPatient referencePatient(SyntheticKind kind)
{
    switch (kind) {
    case SyntheticKind::CtChest:
        return {QStringLiteral("John^Doe"), QStringLiteral("LB-100001"), QStringLiteral("19580312"),
                QStringLiteral("M"),        QStringLiteral("82"),        QStringLiteral("1.78")};
    case SyntheticKind::MrBrain:
        return {QStringLiteral("Jane^Smith"), QStringLiteral("LB-100002"), QStringLiteral("19790824"),
                QStringLiteral("F"),          QStringLiteral("64"),        QStringLiteral("1.66")};
    case SyntheticKind::CrChest:
        return {QStringLiteral("Bob^Wilson"), QStringLiteral("LB-100003"), QStringLiteral("19650117"),
                QStringLiteral("M"),          QStringLiteral("90"),        QStringLiteral("1.83")};
    case SyntheticKind::XaCoronary:
        return {QStringLiteral("Maria^Garcia"), QStringLiteral("LB-100004"),
                QStringLiteral("19520605"),     QStringLiteral("F"),
                QStringLiteral("71"),           QStringLiteral("1.61")};
    }
    return {};
}

SyntheticPatient variedPatient(SyntheticKind kind, int variant)
{
    static const std::array<const char *, 20> families {
        "Müller",  "Novák",     "Okafor", "Jensen", "Rossi",   "Dubois",  "Kowalski", "Nakamura", "O'Brien", "García",
        "Schmidt", "Andersson", "Moreau", "Silva",  "Horváth", "Bianchi", "Nowak",    "Fischer",  "Kelly",   "Sato",
    };
    static const std::array<const char *, 10> men {
        "Jürgen", "Petr", "Chinedu", "Lars", "Marco", "Étienne", "Piotr", "Kenji", "Seán", "José",
    };
    static const std::array<const char *, 10> women {
        "Zoë", "Maja", "Céline", "Ana", "Eszter", "Giulia", "Agnieszka", "Anna", "Siobhán", "Yuki",
    };
    const int kindIndex = static_cast<int>(kind);
    const uint32_t h = mix(static_cast<uint32_t>(variant) * 8u + static_cast<uint32_t>(kindIndex));
    const bool male = (h & 1u) != 0;
    const auto &given = male ? men : women;
    SyntheticPatient p;
    p.name = QString::fromUtf8(families[(h >> 1) % families.size()]) + QLatin1Char('^')
        + QString::fromUtf8(given[(h >> 9) % given.size()]);
    p.id = QStringLiteral("LB-%1").arg(100000 + variant * 10 + kindIndex + 1);
    const int year = 1935 + static_cast<int>((h >> 5) % 70);
    const int month = 1 + static_cast<int>((h >> 12) % 12);
    const int day = 1 + static_cast<int>((h >> 17) % 28);
    p.birthDate = QStringLiteral("%1%2%3")
                      .arg(year, 4, 10, QLatin1Char('0'))
                      .arg(month, 2, 10, QLatin1Char('0'))
                      .arg(day, 2, 10, QLatin1Char('0'));
    p.sex = male ? QStringLiteral("M") : QStringLiteral("F");
    p.weightKg = QString::number((male ? 68 : 52) + static_cast<int>((h >> 22) % 40));
    p.sizeM = QString::number((male ? 1.68 : 1.56) + static_cast<double>((h >> 26) % 25) / 100.0, 'f', 2);
    return p;
}

QString referringPhysician(SyntheticKind kind, int variant)
{
    static const std::array<const char *, 6> doctors {
        "House^Gregory^^Dr.", "Cuddy^Lisa^^Dr.",      "Wilson^James^^Dr.",
        "Foreman^Eric^^Dr.",  "Cameron^Allison^^Dr.", "Chase^Robert^^Dr.",
    };
    const auto index = (static_cast<size_t>(kind) + static_cast<size_t>(variant) * 5) % doctors.size();
    return QString::fromLatin1(doctors[index]);
}

SyntheticSeriesPlan makeSeries(SyntheticRole role, int number, const QString &description, const char *sopClass,
                               int instances, const QString &frameOfReference, const QDateTime &startedAt)
{
    SyntheticSeriesPlan s;
    s.role = role;
    s.number = number;
    s.description = description;
    s.sopClassUid = QString::fromLatin1(sopClass);
    s.seriesUid = newUid(SITE_SERIES_UID_ROOT);
    s.frameOfReferenceUid = frameOfReference;
    s.startedAt = startedAt;
    for (int i = 0; i < instances; ++i)
        s.instanceUids.append(newUid(SITE_INSTANCE_UID_ROOT));
    return s;
}

void planSeries(SyntheticPlan &plan, int slices)
{
    const QDateTime t0 = plan.when;
    switch (plan.kind) {
    case SyntheticKind::CtChest: {
        const int n = slices > 0 ? slices : 40;
        const QString frame = newUid(SITE_INSTANCE_UID_ROOT);
        plan.series.push_back(makeSeries(SyntheticRole::CtScout, 1, QStringLiteral("Topogram 0.6 T20f"),
                                         UID_CTImageStorage, 1, frame, t0.addSecs(60)));
        plan.series.push_back(makeSeries(SyntheticRole::CtAxialSoft, 2, QStringLiteral("Thorax 5.0 B30f C+"),
                                         UID_CTImageStorage, n, frame, t0.addSecs(180)));
        plan.series.push_back(makeSeries(SyntheticRole::CtAxialLung, 3, QStringLiteral("Thorax 5.0 B70f lung C+"),
                                         UID_CTImageStorage, n, frame, t0.addSecs(180)));
        break;
    }
    case SyntheticKind::MrBrain: {
        const int n = slices > 0 ? slices : 20;
        const QString frame = newUid(SITE_INSTANCE_UID_ROOT);
        plan.series.push_back(makeSeries(SyntheticRole::MrT1, 1, QStringLiteral("t1_se_tra"), UID_MRImageStorage, n,
                                         frame, t0.addSecs(120)));
        plan.series.push_back(makeSeries(SyntheticRole::MrT2, 2, QStringLiteral("t2_tse_tra"), UID_MRImageStorage, n,
                                         frame, t0.addSecs(420)));
        plan.series.push_back(makeSeries(SyntheticRole::MrFlair, 3, QStringLiteral("t2_tirm_tra_dark-fluid (FLAIR)"),
                                         UID_MRImageStorage, n, frame, t0.addSecs(720)));
        break;
    }
    case SyntheticKind::CrChest:
        plan.series.push_back(makeSeries(SyntheticRole::CrPa, 1, QStringLiteral("Chest PA"),
                                         UID_ComputedRadiographyImageStorage, 1, {}, t0.addSecs(30)));
        break;
    case SyntheticKind::XaCoronary: {
        const int frames = slices > 0 ? slices : 30;
        for (int view = 0; view < 2; ++view) {
            SyntheticSeriesPlan s
                = makeSeries(SyntheticRole::XaRun, view + 1,
                             view == 0 ? QStringLiteral("LCA RAO 30 CAU 20") : QStringLiteral("LCA LAO 45 CRA 20"),
                             UID_XRayAngiographicImageStorage, 1, {}, t0.addSecs(300 + 120 * view));
            s.frames = frames;
            s.view = view;
            plan.series.push_back(s);
        }
        break;
    }
    }
}

} // namespace

SyntheticStudy::SyntheticStudy(const SyntheticOptions &options)
{
    auto plan = std::make_shared<SyntheticPlan>();
    plan->kind = options.kind;
    const int variant = std::max(0, options.variant);
    plan->patient = variant == 0 ? referencePatient(options.kind) : variedPatient(options.kind, variant);
    plan->referringPhysician = referringPhysician(options.kind, variant);
    plan->institution = QStringLiteral("Lightbox General Hospital");
    plan->when = options.when.isValid() ? options.when : QDateTime::currentDateTime();
    plan->when = plan->when.addMSecs(-plan->when.time().msec());
    plan->seed = static_cast<uint32_t>(variant) * 16u + static_cast<uint32_t>(options.kind) + 1u;
    plan->studyUid = newUid(SITE_STUDY_UID_ROOT);
    plan->studyId = QString::number(QRandomGenerator::global()->bounded(10000, 99999));

    int defaultMatrix = 512;
    switch (options.kind) {
    case SyntheticKind::CtChest:
        plan->modality = QStringLiteral("CT");
        plan->description = QStringLiteral("CT Chest with contrast");
        plan->stationName = QStringLiteral("CT01");
        plan->modelName = QStringLiteral("Lightbox Simulated CT");
        plan->bodyPart = QStringLiteral("CHEST");
        break;
    case SyntheticKind::MrBrain:
        defaultMatrix = 256;
        plan->modality = QStringLiteral("MR");
        plan->description = QStringLiteral("MRI Brain");
        plan->stationName = QStringLiteral("MR01");
        plan->modelName = QStringLiteral("Lightbox Simulated MR 1.5T");
        plan->bodyPart = QStringLiteral("HEAD");
        break;
    case SyntheticKind::CrChest:
        defaultMatrix = 2048;
        plan->modality = QStringLiteral("CR");
        plan->description = QStringLiteral("XR Chest PA");
        plan->stationName = QStringLiteral("CR01");
        plan->modelName = QStringLiteral("Lightbox Simulated CR");
        plan->bodyPart = QStringLiteral("CHEST");
        break;
    case SyntheticKind::XaCoronary:
        plan->modality = QStringLiteral("XA");
        plan->description = QStringLiteral("Coronary angiography");
        plan->stationName = QStringLiteral("CATHLAB1");
        plan->modelName = QStringLiteral("Lightbox Simulated Angio");
        plan->bodyPart = QStringLiteral("HEART");
        break;
    }
    plan->matrix = options.matrix > 0 ? options.matrix : defaultMatrix;
    plan->accession = plan->modality + plan->when.toString(QStringLiteral("yyMMdd"))
        + QStringLiteral("%1").arg(QRandomGenerator::global()->bounded(1000000), 6, 10, QLatin1Char('0'));
    planSeries(*plan, options.slices);
    m_plan = std::move(plan);
}

QList<SyntheticKind> SyntheticStudy::allKinds()
{
    return {SyntheticKind::CtChest, SyntheticKind::MrBrain, SyntheticKind::CrChest, SyntheticKind::XaCoronary};
}

std::optional<SyntheticKind> SyntheticStudy::kindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("john") || n == QLatin1String("ct"))
        return SyntheticKind::CtChest;
    if (n == QLatin1String("jane") || n == QLatin1String("mr"))
        return SyntheticKind::MrBrain;
    if (n == QLatin1String("bob") || n == QLatin1String("cr"))
        return SyntheticKind::CrChest;
    if (n == QLatin1String("xa") || n == QLatin1String("maria"))
        return SyntheticKind::XaCoronary;
    return std::nullopt;
}

QString SyntheticStudy::kindName(SyntheticKind kind)
{
    switch (kind) {
    case SyntheticKind::CtChest:
        return QStringLiteral("john");
    case SyntheticKind::MrBrain:
        return QStringLiteral("jane");
    case SyntheticKind::CrChest:
        return QStringLiteral("bob");
    case SyntheticKind::XaCoronary:
        return QStringLiteral("xa");
    }
    return {};
}

SyntheticKind SyntheticStudy::kind() const
{
    return m_plan->kind;
}

QString SyntheticStudy::patientName() const
{
    return m_plan->patient.name;
}

QString SyntheticStudy::patientId() const
{
    return m_plan->patient.id;
}

QString SyntheticStudy::accessionNumber() const
{
    return m_plan->accession;
}

QString SyntheticStudy::studyDescription() const
{
    return m_plan->description;
}

QString SyntheticStudy::modality() const
{
    return m_plan->modality;
}

QString SyntheticStudy::studyInstanceUid() const
{
    return m_plan->studyUid;
}

int SyntheticStudy::matrixSize() const
{
    return m_plan->matrix;
}

QList<SyntheticSeriesInfo> SyntheticStudy::series() const
{
    QList<SyntheticSeriesInfo> list;
    for (const SyntheticSeriesPlan &s : m_plan->series)
        list.append({s.number, m_plan->modality, s.description, static_cast<int>(s.instanceUids.size()), s.frames});
    return list;
}

int SyntheticStudy::instanceCount() const
{
    int count = 0;
    for (const SyntheticSeriesPlan &s : m_plan->series)
        count += static_cast<int>(s.instanceUids.size());
    return count;
}

QStringList SyntheticStudy::sopClassUids() const
{
    QStringList list;
    for (const SyntheticSeriesPlan &s : m_plan->series)
        if (!list.contains(s.sopClassUid))
            list.append(s.sopClassUid);
    return list;
}

QString SyntheticStudy::transferSyntaxUid() const
{
    return QString::fromLatin1(UID_LittleEndianExplicitTransferSyntax);
}

bool SyntheticStudy::locate(int index, int *series, int *within) const
{
    if (index < 0)
        return false;
    for (size_t s = 0; s < m_plan->series.size(); ++s) {
        const int n = static_cast<int>(m_plan->series[s].instanceUids.size());
        if (index < n) {
            *series = static_cast<int>(s);
            *within = index;
            return true;
        }
        index -= n;
    }
    return false;
}

DicomObject SyntheticStudy::instance(int index) const
{
    int series = 0;
    int within = 0;
    if (!locate(index, &series, &within))
        return {};
    return SyntheticDataset::build(*m_plan, series, within);
}

QString SyntheticStudy::relativePath(int index) const
{
    int series = 0;
    int within = 0;
    if (!locate(index, &series, &within))
        return {};
    return QStringLiteral("series%1/IM%2.dcm")
        .arg(m_plan->series[static_cast<size_t>(series)].number, 2, 10, QLatin1Char('0'))
        .arg(within + 1, 5, 10, QLatin1Char('0'));
}

} // namespace lightbox

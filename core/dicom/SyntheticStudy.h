#pragma once

#include "core/dicom/DicomObject.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace lightbox {

struct SyntheticPlan;

/// The study templates of the modality simulator.
enum class SyntheticKind {
    CtChest, ///< John^Doe: CT chest with contrast (scout, axial soft tissue, axial lung).
    MrBrain, ///< Jane^Smith: MRI brain (T1, T2 and FLAIR series).
    CrChest, ///< Bob^Wilson: chest X-ray, CR, PA view, one image.
    XaCoronary, ///< Maria^Garcia: coronary angiography, two multi-frame XA cine runs.
};

/// What to generate.
struct SyntheticOptions
{
    SyntheticKind kind = SyntheticKind::CtChest;
    int matrix = 0; ///< Rows = columns; 0 = the template's default (CT 512, MR 256, CR 2048, XA 512).
    int slices = 0; ///< Images per CT/MR volume series, frames per XA run; 0 = default (CT 40, MR 20, XA 30).
    int variant = 0; ///< 0 = the template's reference patient; n > 0 = another patient, the same for the same n.
    QDateTime when; ///< Study date and time; invalid = now.
};

/// One series of a synthetic study.
struct SyntheticSeriesInfo
{
    int number = 0;
    QString modality;
    QString description;
    int instances = 0;
    int framesPerInstance = 1;
};

/// A synthetic study with realistic patient, study and modality attributes and phantom pixel data, for the
/// modality simulator and tests. Patient data and all UIDs (dcmGenerateUniqueIdentifier) are fixed when it
/// is constructed; every instance is generated on demand, so a large study is never held in memory at once.
/// Text uses Specific Character Set ISO_IR 192 (UTF-8); files are Explicit VR Little Endian.
class SyntheticStudy
{
public:
    /// Plans the study: patient, fresh UIDs, series.
    explicit SyntheticStudy(const SyntheticOptions &options);

    /// Every template, in the order `--study all` cycles through them.
    static QList<SyntheticKind> allKinds();
    /// Parses a template name: john|ct, jane|mr, bob|cr, xa (case-insensitive). @return std::nullopt if unknown.
    static std::optional<SyntheticKind> kindFromName(const QString &name);
    /// The short name of a template ("john", "jane", "bob", "xa").
    static QString kindName(SyntheticKind kind);

    /// The template it was made from.
    SyntheticKind kind() const;
    /// Patient Name in DICOM form, e.g. "John^Doe".
    QString patientName() const;
    /// Patient ID, e.g. "LB-100001"; the same for the same template and variant.
    QString patientId() const;
    /// Accession Number, new for every study.
    QString accessionNumber() const;
    /// Study Description, e.g. "CT Chest with contrast".
    QString studyDescription() const;
    /// Modality of every series: CT, MR, CR or XA.
    QString modality() const;
    /// Study Instance UID, new for every study.
    QString studyInstanceUid() const;
    /// Rows = columns of every image.
    int matrixSize() const;
    /// Its series, in order.
    QList<SyntheticSeriesInfo> series() const;
    /// Number of instances (files) in the study.
    int instanceCount() const;
    /// The distinct SOP Class UIDs of its instances.
    QStringList sopClassUids() const;
    /// The transfer syntax its instances are held in (Explicit VR Little Endian).
    QString transferSyntaxUid() const;

    /// Builds instance @p index (0 to instanceCount() - 1, series after series), pixel data included.
    /// @return a null object if @p index is out of range.
    DicomObject instance(int index) const;
    /// Where instance @p index goes in a folder tree: "series02/IM00005.dcm".
    QString relativePath(int index) const;

private:
    /// The series and the position in it of instance @p index; false when out of range.
    bool locate(int index, int *series, int *within) const;

    std::shared_ptr<const SyntheticPlan> m_plan;
};

} // namespace lightbox

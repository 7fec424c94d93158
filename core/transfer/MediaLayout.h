#pragma once

#include <QHash>
#include <QString>

namespace lightbox {

/// File names for exported media (PS3.10/PS3.12): every component at most 8 characters of A-Z, 0-9 and '_', no
/// extension, e.g. "DICOM/PAT00001/STU00001/SER00001/IMG00001". Never contains a UID or patient data.
class MediaLayout
{
public:
    /// The relative path for the next instance of the given patient, study and series (keys are opaque:
    /// equal keys share a folder). Each call gives a new image name.
    QString nextPath(const QString &patientKey, const QString &studyKey, const QString &seriesKey);

    /// "PREFIX" + @p number with as many digits as fit into 8 characters (e.g. IMG00001).
    static QString component(const QString &prefix, int number);

private:
    QHash<QString, int> m_patients; ///< patient key → patient number
    QHash<QString, int> m_studies; ///< patient/study key → study number
    QHash<QString, int> m_series; ///< study/series key → series number
    QHash<QString, int> m_studyCount; ///< per patient
    QHash<QString, int> m_seriesCount; ///< per study
    QHash<QString, int> m_imageCount; ///< per series
};

} // namespace lightbox

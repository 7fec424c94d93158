#include "core/transfer/MediaLayout.h"

namespace lightbox {

QString MediaLayout::component(const QString &prefix, int number)
{
    const int width = static_cast<int>(8 - prefix.size());
    QString digits = QString::number(number);
    if (digits.size() > width) // More than the prefix leaves room for: drop the prefix, keep it unique.
        return QString::number(number).right(8).rightJustified(8, QLatin1Char('0'));
    return prefix + digits.rightJustified(width, QLatin1Char('0'));
}

QString MediaLayout::nextPath(const QString &patientKey, const QString &studyKey, const QString &seriesKey)
{
    if (!m_patients.contains(patientKey))
        m_patients.insert(patientKey, static_cast<int>(m_patients.size()) + 1);
    const QString pat = component(QStringLiteral("PAT"), m_patients.value(patientKey));

    const QString study = pat + QLatin1Char('/') + studyKey;
    if (!m_studies.contains(study))
        m_studies.insert(study, ++m_studyCount[pat]);
    const QString stu = component(QStringLiteral("STU"), m_studies.value(study));

    const QString series = study + QLatin1Char('/') + seriesKey;
    if (!m_series.contains(series))
        m_series.insert(series, ++m_seriesCount[study]);
    const QString ser = component(QStringLiteral("SER"), m_series.value(series));

    const QString img = component(QStringLiteral("IMG"), ++m_imageCount[series]);
    return QStringLiteral("DICOM/%1/%2/%3/%4").arg(pat, stu, ser, img);
}

} // namespace lightbox

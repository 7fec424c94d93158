#include "ui/browser/RemoteSearch.h"

#include <QSet>

namespace lightbox::remotesearch {

QList<RemoteStudyQuery> queriesFor(const StudyQuery &filters)
{
    RemoteStudyQuery base;
    base.modality = filters.modality;
    base.dateFrom = filters.dateFrom;
    base.dateTo = filters.dateTo;
    base.studyInstanceUid = filters.studyInstanceUid;
    const QString text = filters.anyText.trimmed();
    if (text.isEmpty())
        return {base};
    const bool wildcard = text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'));
    RemoteStudyQuery byName = base;
    if (wildcard) {
        byName.patientName = text;
    } else {
        // "doe jo" must find "DOE^JOHN": the words anywhere in the name, in the order typed.
        const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        byName.patientName = QLatin1Char('*') + words.join(QLatin1Char('*')) + QLatin1Char('*');
    }
    RemoteStudyQuery byId = base;
    byId.patientId = text;
    RemoteStudyQuery byAccession = base;
    byAccession.accessionNumber = text;
    return {byName, byId, byAccession};
}

bool isUnfiltered(const StudyQuery &filters)
{
    return filters.anyText.trimmed().isEmpty() && filters.modality.isEmpty() && filters.dateFrom.isEmpty()
        && filters.dateTo.isEmpty() && filters.studyInstanceUid.isEmpty();
}

FindResult<RemoteStudy> findStudies(const DicomNode &remote, const QString &callingAe, const StudyQuery &filters,
                                    int timeoutSeconds)
{
    FindResult<RemoteStudy> merged;
    merged.ok = true;
    QSet<QString> seen;
    for (const RemoteStudyQuery &query : queriesFor(filters)) {
        const FindResult<RemoteStudy> one = FindScu::findStudies(remote, callingAe, query, timeoutSeconds);
        merged.elapsedMs += one.elapsedMs;
        if (!one.ok) {
            merged.ok = false;
            merged.error = one.error;
            merged.detail = one.detail;
            merged.records.clear();
            return merged;
        }
        for (const RemoteStudy &study : one.records) {
            if (!seen.contains(study.studyInstanceUid)) {
                seen.insert(study.studyInstanceUid);
                merged.records.append(study);
            }
        }
    }
    return merged;
}

} // namespace lightbox::remotesearch

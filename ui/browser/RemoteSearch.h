#pragma once

#include "core/index/IndexRecords.h"
#include "core/net/FindScu.h"

namespace lightbox {

/// How the browser's local search becomes Study Root C-FINDs, which match one attribute each and cannot say
/// "name OR patient ID OR accession" as the local search does.
namespace remotesearch {

/// The queries that together match what @p filters matches locally: without search text, one query with the
/// date range and modality; with text, three (each with the date range and modality):
///  - Patient Name "*WORD1*WORD2*" (words anywhere, in order; PN matching is case-insensitive on most PACS),
///    or the text as typed when it already holds a wildcard * or ?;
///  - Patient ID equal to the text (or its wildcard pattern);
///  - Accession Number equal to the text (or its wildcard pattern).
QList<RemoteStudyQuery> queriesFor(const StudyQuery &filters);

/// True when @p filters ask for nothing in particular (no text, date or modality): sent to a PACS that would
/// be a request for every study it holds, so the browser does not send it ("*" in the search box does).
bool isUnfiltered(const StudyQuery &filters);

/// Runs queriesFor(@p filters) one after the other and merges the studies by Study Instance UID, in the order
/// they came. Blocking: call off the GUI thread. The first failure stops and is the result's error.
FindResult<RemoteStudy> findStudies(const DicomNode &remote, const QString &callingAe, const StudyQuery &filters,
                                    int timeoutSeconds = 30);

} // namespace remotesearch
} // namespace lightbox

#pragma once

#include "core/net/QueryProvider.h"

namespace lightbox {

/// Answers the listener's C-FIND, C-MOVE and C-GET from the index: each call opens its own read-only connection
/// (the index's WAL readers never block the writer), so association threads never share one.
/// What it knows per level: patient (ID, name, birth date, sex, related studies/series/instances), study (UID,
/// date, time, ID, accession, description, referring physician, modalities in study, related series/instances),
/// series (UID, modality, number, description, body part, related instances) and image (SOP instance and class
/// UID, instance number, rows, columns, number of frames, available transfer syntax), and Instance Availability
/// ONLINE at every level. Other attributes are not in the index and are returned empty (no file is opened).
class IndexQueryProvider : public QueryProvider
{
public:
    /// @param indexPath the index database; @param filesDir the folder the index's file paths are relative to.
    IndexQueryProvider(QString indexPath, QString filesDir);

    bool query(const QueryRequest &request, const std::function<bool(const QueryRecord &)> &visit,
               QString *error) override;
    bool filesFor(const QueryRequest &request, QList<RetrieveItem> *files, QString *error) override;

private:
    QString m_indexPath;
    QString m_filesDir;
};

} // namespace lightbox

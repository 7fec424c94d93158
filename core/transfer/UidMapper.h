#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <mutex>

namespace lightbox {

/// Gives every UID of an anonymized export a new UID: the same original always gets the same new one within
/// the export (so references between files stay intact), and nobody can compute it back without the export's
/// random salt. New UIDs are "2.25.<decimal of 128 bits>" (ISO/IEC 9834-8 UUID-derived form). Thread-safe.
class UidMapper
{
public:
    /// @param salt secret bytes of this export; empty picks 32 random bytes.
    explicit UidMapper(QByteArray salt = {});

    /// The new UID for @p original. @p avoid: strings the new UID must not contain (e.g. a numeric patient ID);
    /// only looked at the first time @p original is mapped.
    QString map(const QString &original, const QStringList &avoid = {});

    /// True for UIDs the DICOM standard defines (SOP classes, transfer syntaxes, ...): "1.2.840.10008.*".
    static bool isStandardUid(const QString &uid);

private:
    QByteArray m_salt;
    std::mutex m_mutex;
    QHash<QString, QString> m_map;
};

} // namespace lightbox

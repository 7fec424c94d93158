#pragma once

#include "core/common/Destination.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lightbox {

/// One instance to send by STOW-RS: its Part 10 file, sent as it is on disk.
struct WebStoreItem
{
    QString filePath;
    QString sopInstanceUid; ///< To find the instance in the server's answer.
};

/// What the server said about one instance of a STOW-RS request.
struct WebInstanceResult
{
    QString sopInstanceUid;
    bool stored = false;
    QString error; ///< Plain words; empty when stored.
};

/// The outcome of one STOW-RS request.
struct WebStoreResult
{
    bool reached = false; ///< An HTTP response came.
    int httpStatus = 0;
    bool authRejected = false; ///< 401/403.
    /// Sending the same again will not help without a change (authentication, other 4xx except 408/429).
    bool permanent = false;
    QString error; ///< Plain words for the request as a whole; empty when every item stored.
    QList<WebInstanceResult> instances; ///< One per item, same order.
    qint64 bytes = 0; ///< Body bytes sent.
    double elapsedMs = 0;
    /// True when the server answered and stored every item.
    bool allStored() const;
};

/// The outcome of a DICOMweb connection test.
struct WebEchoResult
{
    bool ok = false;
    int httpStatus = 0;
    QString error; ///< Plain words, e.g. "authentication rejected by the server (HTTP 401)".
    double elapsedMs = 0;
};

/// A DICOMweb client for one destination (Kind::DicomWeb): STOW-RS to store, QIDO-RS to test the server and to
/// verify what it holds. Authenticates as the destination says (basic with user + secret, or bearer with the
/// secret as token). The secret never appears in a log line or an error text.
///
/// Every call blocks (it runs its own event loop) and may be made from any thread; one client per thread.
class DicomWebClient
{
public:
    /// @param destination its url (the service root, e.g. http://pacs:8042/dicom-web), auth and user.
    /// @param secret the password (basic) or token (bearer); ignored without authentication.
    /// @param timeoutSeconds longest wait for the server with no progress (connecting, or between two chunks).
    DicomWebClient(const Destination &destination, const QString &secret, int timeoutSeconds = 60);

    /// STOW-RS: one multipart/related; type="application/dicom" POST to {url}/studies with every item's Part 10
    /// file as it is on disk (byte-identical on the server). Files are streamed from disk, not loaded whole.
    /// Per-instance outcome from the response (ReferencedSOPSequence 0008,1199 / FailedSOPSequence 0008,1198 with
    /// FailureReason, DICOM JSON).
    WebStoreResult store(const QList<WebStoreItem> &items);

    /// A cheap authenticated request (QIDO-RS GET {url}/studies?limit=1) to test the server.
    WebEchoResult echo();

    /// QIDO-RS: the SOP Instance UIDs the server holds for a study (for verifying a sync).
    /// @return the UIDs (empty if the server has none of the study), or std::nullopt with @p error in plain words.
    std::optional<QStringList> studyInstances(const QString &studyInstanceUid, QString *error = nullptr);

private:
    Destination m_destination;
    QString m_secret;
    int m_timeoutSeconds;
};

} // namespace lightbox

#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace lightbox {

/// Plain words for a DICOMweb request that went wrong, in the style of core/net/NetErrors: what happened and what
/// to check. Never contains credentials (the URL's user info is dropped).
namespace weberrors {

/// The beginning of every message about a 401/403 answer (the sync and its tests look for it).
QString authenticationRejected();

/// A request that got no HTTP answer. @param networkError a QNetworkReply::NetworkError.
/// @param tlsDetail the TLS errors reported, if any.
QString describeNetworkFailure(int networkError, const QString &qtErrorString, const QUrl &url, int timeoutSeconds,
                               const QString &tlsDetail = {});

/// An HTTP answer that is not a success. @param body the answer (a server's own message is quoted, shortened).
/// @param bearer whether the request authenticated with a token (for the advice after a 401).
QString describeHttpStatus(int status, const QUrl &url, const QByteArray &body, bool bearer);

/// The meaning of a STOW-RS FailureReason (0008,1197) in plain words.
QString describeFailureReason(int reason);

/// True when sending the same again cannot help without a change: 401/403 and every other 4xx but 408 and 429.
bool isPermanent(int httpStatus);

} // namespace weberrors

} // namespace lightbox

#include "core/web/WebErrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace lightbox::weberrors {
namespace {

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

// The server's own words, when it gave some (Orthanc answers JSON with "Message"/"Details"), shortened.
QString serverMessage(const QByteArray &body)
{
    QString text;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        text = o.value(QStringLiteral("Details")).toString();
        if (text.isEmpty())
            text = o.value(QStringLiteral("Message")).toString();
    } else if (!body.trimmed().startsWith('<')) {
        text = QString::fromUtf8(body.left(300)).simplified();
    }
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    return text;
}

} // namespace

QString authenticationRejected()
{
    return QCoreApplication::translate("lightbox::DicomWebClient", "authentication rejected by the server");
}

QString describeNetworkFailure(int networkError, const QString &qtErrorString, const QUrl &url, int timeoutSeconds,
                               const QString &tlsDetail)
{
    const QString where = hostPort(url);
    switch (static_cast<QNetworkReply::NetworkError>(networkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "connection refused: nothing is listening on %1 (is the DICOMweb server running, and is the port "
                   "in the URL right?)")
            .arg(where);
    case QNetworkReply::HostNotFoundError:
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "host not found: \"%1\" cannot be resolved (check the host name in the URL or use the IP address)")
            .arg(url.host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the request
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "timeout: no answer from %1 within %2 s (server down, firewall, or wrong address?)")
            .arg(where)
            .arg(timeoutSeconds);
    case QNetworkReply::SslHandshakeFailedError:
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "secure connection (TLS) to %1 failed%2: check the server's certificate, or whether the URL should "
                   "start with http:// instead of https://")
            .arg(where, tlsDetail.isEmpty() ? QString() : QStringLiteral(" (") + tlsDetail + QLatin1Char(')'));
    case QNetworkReply::RemoteHostClosedError:
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "the server at %1 closed the connection without an answer (is it an HTTP server? check http:// "
                   "or https:// in the URL)")
            .arg(where);
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "no route to %1: the network cannot reach this host")
            .arg(where);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "the proxy refused or failed the connection to %1: check the proxy settings")
            .arg(where);
    default:
        break;
    }
    return QCoreApplication::translate("lightbox::DicomWebClient", "cannot reach the DICOMweb server at %1: %2")
        .arg(where, qtErrorString);
}

QString describeHttpStatus(int status, const QUrl &url, const QByteArray &body, bool bearer)
{
    const QString code = QStringLiteral("HTTP %1").arg(status);
    const QString said = serverMessage(body);
    const QString server = said.isEmpty()
        ? QString()
        : QCoreApplication::translate("lightbox::DicomWebClient", ": the server says \"%1\"").arg(said);
    if (status == 401 || status == 403)
        return authenticationRejected() + QStringLiteral(" (%1): ").arg(code)
            + (bearer ? QCoreApplication::translate("lightbox::DicomWebClient", "check the token")
                      : QCoreApplication::translate("lightbox::DicomWebClient", "check the user name and password"));
    if (status == 404)
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "no DICOMweb service at %1 — check the path, e.g. /dicom-web (%2)")
            .arg(url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), code);
    if (status == 413)
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "the server refused the request as too large (%1): send fewer instances at a time or raise the "
                   "server's upload limit")
            .arg(code);
    if (status == 408 || status == 429)
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "the server is busy (%1): it will be tried again")
            .arg(code);
    if (status == 415 || status == 406)
        return QCoreApplication::translate(
                   "lightbox::DicomWebClient",
                   "the server does not accept this kind of request (%1): is the URL a DICOMweb service root?")
                   .arg(code)
            + server;
    if (status >= 500)
        return QCoreApplication::translate("lightbox::DicomWebClient", "the server failed (%1)").arg(code) + server;
    if (status >= 400)
        return QCoreApplication::translate("lightbox::DicomWebClient", "the server refused the request (%1)").arg(code)
            + server;
    return QCoreApplication::translate("lightbox::DicomWebClient", "unexpected answer from the server (%1)").arg(code)
        + server;
}

QString describeFailureReason(int reason)
{
    const QString code = QStringLiteral("0x%1")
                             .arg(reason, 4, 16, QLatin1Char('0'))
                             .toUpper()
                             .replace(QLatin1String("0X"), QLatin1String("0x"));
    if (reason == 0x0110)
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "%1: processing failure on the server (see the server's log)")
            .arg(code);
    if (reason == 0x0122)
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "%1: the server does not support this kind of image (SOP class)")
            .arg(code);
    if (reason == 0x0124)
        return QCoreApplication::translate("lightbox::DicomWebClient", "%1: not authorised").arg(code);
    if ((reason & 0xFF00) == 0xA700)
        return QCoreApplication::translate("lightbox::DicomWebClient",
                                           "%1: the server is out of resources (its disk may be full)")
            .arg(code);
    if ((reason & 0xFF00) == 0xA900)
        return QCoreApplication::translate("lightbox::DicomWebClient", "%1: the data set does not match its SOP class")
            .arg(code);
    if ((reason & 0xF000) == 0xC000)
        return QCoreApplication::translate("lightbox::DicomWebClient", "%1: the server cannot understand the data")
            .arg(code);
    return QCoreApplication::translate("lightbox::DicomWebClient", "%1: refused by the server").arg(code);
}

bool isPermanent(int httpStatus)
{
    return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429;
}

} // namespace lightbox::weberrors

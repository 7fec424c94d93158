#include "core/web/DicomWebClient.h"

#include "core/web/MultipartBody.h"
#include "core/web/WebErrors.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSslError>
#include <QUrlQuery>

namespace lightbox {
namespace {

Q_LOGGING_CATEGORY(lcWeb, "lightbox.web")

// DICOM JSON tags (PS3.18 F.2).
const QString referencedSopSequence = QStringLiteral("00081199");
const QString failedSopSequence = QStringLiteral("00081198");
const QString referencedSopInstanceUid = QStringLiteral("00081155");
const QString failureReason = QStringLiteral("00081197");
const QString sopInstanceUidTag = QStringLiteral("00080018");

/// One HTTP exchange, as far as it went.
struct HttpOutcome
{
    bool reached = false;
    int status = 0;
    QByteArray body;
    int networkError = 0;
    QString networkErrorString;
    QString tlsDetail;
    double elapsedMs = 0;
};

QString firstString(const QJsonObject &element, const QString &tag)
{
    return element.value(tag).toObject().value(QStringLiteral("Value")).toArray().first().toString();
}

int firstInt(const QJsonObject &element, const QString &tag)
{
    return element.value(tag).toObject().value(QStringLiteral("Value")).toArray().first().toInt(-1);
}

QJsonArray sequence(const QJsonObject &dataset, const QString &tag)
{
    return dataset.value(tag).toObject().value(QStringLiteral("Value")).toArray();
}

} // namespace

bool WebStoreResult::allStored() const
{
    if (!error.isEmpty())
        return false;
    for (const WebInstanceResult &i : instances) {
        if (!i.stored)
            return false;
    }
    return true;
}

DicomWebClient::DicomWebClient(const Destination &destination, const QString &secret, int timeoutSeconds)
    : m_destination(destination)
    , m_secret(secret)
    , m_timeoutSeconds(qMax(1, timeoutSeconds))
{
}

namespace {

// The service root without user info (credentials never travel in the URL) and without a trailing slash.
QUrl serviceRoot(const QString &url)
{
    QUrl root(url.trimmed());
    root.setUserInfo({});
    QString path = root.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    root.setPath(path);
    return root;
}

QUrl endpoint(const QString &url, const QString &relative, const QUrlQuery &query = {})
{
    QUrl u = serviceRoot(url);
    u.setPath(u.path() + relative);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

QByteArray authorization(const Destination &d, const QString &secret)
{
    switch (d.auth) {
    case Destination::WebAuth::Basic:
        return "Basic " + QByteArray(d.user.toUtf8() + ':' + secret.toUtf8()).toBase64();
    case Destination::WebAuth::Bearer:
        return "Bearer " + secret.toUtf8();
    case Destination::WebAuth::None:
        break;
    }
    return {};
}

// Sends one request and waits for its end in a local event loop. @p body may be null (GET).
HttpOutcome perform(const Destination &d, const QString &secret, int timeoutSeconds, const QByteArray &verb,
                    const QUrl &url, const QByteArray &accept, QIODevice *body = nullptr,
                    const QByteArray &contentType = {})
{
    QNetworkAccessManager manager;
    // A redirect to another host must not carry the Authorization header there.
    manager.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutSeconds * 1000); // no progress for this long aborts the request
    request.setRawHeader("Accept", accept);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (const QByteArray auth = authorization(d, secret); !auth.isEmpty())
        request.setRawHeader("Authorization", auth);
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    }
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = manager.sendCustomRequest(request, verb, body);
    QStringList tls;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&tls](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            tls << e.errorString();
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpOutcome out;
    out.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    out.reached = status.isValid();
    out.status = status.toInt();
    if (reply->isOpen())
        out.body = reply->readAll();
    out.networkError = reply->error();
    out.networkErrorString = reply->errorString();
    out.tlsDetail = tls.join(QStringLiteral("; "));
    qCDebug(lcWeb).noquote() << verb << url.toString(QUrl::RemoveUserInfo) << "->"
                             << (out.reached ? QString::number(out.status) : out.networkErrorString) << "in"
                             << qRound(out.elapsedMs) << "ms";
    delete reply;
    return out;
}

QString failureText(const HttpOutcome &o, const Destination &d, const QUrl &url, int timeoutSeconds)
{
    if (!o.reached)
        return weberrors::describeNetworkFailure(o.networkError, o.networkErrorString, url, timeoutSeconds,
                                                 o.tlsDetail);
    // A 404 is about the service root the technician typed, not the endpoint under it.
    return weberrors::describeHttpStatus(o.status, serviceRoot(d.url), o.body, d.auth == Destination::WebAuth::Bearer);
}

} // namespace

WebStoreResult DicomWebClient::store(const QList<WebStoreItem> &items)
{
    WebStoreResult result;
    for (const WebStoreItem &item : items)
        result.instances.append({item.sopInstanceUid, false, {}});
    if (items.isEmpty())
        return result;

    MultipartBody body(QByteArrayLiteral("application/dicom"));
    QHash<int, QString> unreadable; // item index -> why
    for (int i = 0; i < items.size(); ++i) {
        QString why;
        if (!body.addFile(items[i].filePath, &why))
            unreadable.insert(i, why);
    }
    body.finish();
    if (unreadable.size() == items.size()) {
        result.error = unreadable.value(0);
        for (int i = 0; i < items.size(); ++i)
            result.instances[i].error = unreadable.value(i);
        return result;
    }
    body.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    const QUrl url = endpoint(m_destination.url, QStringLiteral("/studies"));
    const HttpOutcome o = perform(m_destination, m_secret, m_timeoutSeconds, "POST", url,
                                  QByteArrayLiteral("application/dicom+json"), &body, body.contentTypeHeader());
    result.reached = o.reached;
    result.httpStatus = o.status;
    result.elapsedMs = o.elapsedMs;
    result.bytes = o.reached ? body.size() : 0;
    result.authRejected = o.reached && (o.status == 401 || o.status == 403);

    // STOW-RS answers 200 (all stored), 202 (some failed or with warnings), 409 (none stored), each with the
    // per-instance sequences in DICOM JSON (a JSON object, or an array holding one).
    const QJsonDocument doc = QJsonDocument::fromJson(o.body);
    const QJsonObject answer = doc.isArray() ? doc.array().first().toObject() : doc.object();
    QHash<QString, QString> failed; // SOP Instance UID -> reason
    QSet<QString> stored;
    for (const QJsonValue &v : sequence(answer, referencedSopSequence))
        stored.insert(firstString(v.toObject(), referencedSopInstanceUid));
    for (const QJsonValue &v : sequence(answer, failedSopSequence)) {
        const QJsonObject item = v.toObject();
        const int reason = firstInt(item, failureReason);
        failed.insert(firstString(item, referencedSopInstanceUid),
                      reason >= 0 ? weberrors::describeFailureReason(reason)
                                  : QCoreApplication::translate("lightbox::DicomWebClient", "refused by the server"));
    }
    const bool answered = o.reached && (o.status == 200 || o.status == 202 || o.status == 409);
    const bool success = o.reached && o.status >= 200 && o.status < 300;
    if (!success) {
        result.error = failureText(o, m_destination, url, m_timeoutSeconds);
        result.permanent = weberrors::isPermanent(o.status);
    }
    for (int i = 0; i < items.size(); ++i) {
        WebInstanceResult &r = result.instances[i];
        if (unreadable.contains(i)) {
            r.error = unreadable.value(i);
        } else if (answered && stored.contains(r.sopInstanceUid) && !failed.contains(r.sopInstanceUid)) {
            r.stored = true;
        } else if (answered && failed.contains(r.sopInstanceUid)) {
            r.error = failed.value(r.sopInstanceUid);
        } else if (!result.error.isEmpty()) {
            r.error = result.error;
        } else {
            r.error = QCoreApplication::translate("lightbox::DicomWebClient",
                                                  "the server did not confirm this instance (HTTP %1)")
                          .arg(o.status);
        }
    }
    if (result.error.isEmpty() && !unreadable.isEmpty())
        result.error = QCoreApplication::translate("lightbox::DicomWebClient", "%n file(s) could not be read", "",
                                                   static_cast<int>(unreadable.size()));
    return result;
}

WebEchoResult DicomWebClient::echo()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    const QUrl url = endpoint(m_destination.url, QStringLiteral("/studies"), query);
    const HttpOutcome o
        = perform(m_destination, m_secret, m_timeoutSeconds, "GET", url, QByteArrayLiteral("application/dicom+json"));
    WebEchoResult r;
    r.httpStatus = o.status;
    r.elapsedMs = o.elapsedMs;
    r.ok = o.reached && (o.status == 200 || o.status == 204);
    if (!r.ok)
        r.error = failureText(o, m_destination, url, m_timeoutSeconds);
    else if (o.status == 200 && !QJsonDocument::fromJson(o.body).isArray()) {
        // Something answered 200, but not with DICOM JSON: a web page at the wrong path, most often.
        r.ok = false;
        r.error = QCoreApplication::translate("lightbox::DicomWebClient",
                                              "the server at %1 answered, but not as a DICOMweb service — check the "
                                              "path, e.g. /dicom-web")
                      .arg(serviceRoot(m_destination.url).toString());
    }
    return r;
}

std::optional<QStringList> DicomWebClient::studyInstances(const QString &studyInstanceUid, QString *error)
{
    // Servers may cap the answer (limit); ask page by page until a page is short.
    constexpr int pageSize = 1000;
    QStringList uids;
    QSet<QString> seen;
    for (int offset = 0;; offset += pageSize) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("includefield"), sopInstanceUidTag);
        query.addQueryItem(QStringLiteral("limit"), QString::number(pageSize));
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        const QUrl url
            = endpoint(m_destination.url, QStringLiteral("/studies/%1/instances").arg(studyInstanceUid), query);
        const HttpOutcome o = perform(m_destination, m_secret, m_timeoutSeconds, "GET", url,
                                      QByteArrayLiteral("application/dicom+json"));
        if (o.reached && o.status == 204)
            return uids;
        if (!o.reached || o.status != 200) {
            if (error)
                *error = failureText(o, m_destination, url, m_timeoutSeconds);
            return std::nullopt;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(o.body);
        if (!doc.isArray()) {
            if (error)
                *error = QCoreApplication::translate("lightbox::DicomWebClient",
                                                     "the server's answer is not DICOM JSON (%1 bytes)")
                             .arg(o.body.size());
            return std::nullopt;
        }
        const QJsonArray page = doc.array();
        const qsizetype before = uids.size();
        for (const QJsonValue &v : page) {
            const QString uid = firstString(v.toObject(), sopInstanceUidTag);
            if (!uid.isEmpty() && !seen.contains(uid)) {
                seen.insert(uid);
                uids << uid;
            }
        }
        // A short page is the last; a server that ignores offset repeats itself (nothing new): stop too.
        if (page.size() < pageSize || uids.size() == before)
            return uids;
    }
}

} // namespace lightbox

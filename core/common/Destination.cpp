#include "core/common/Destination.h"

#include <QCoreApplication>
#include <QSettings>

namespace lightbox {

QString rolesToString(Destination::Roles roles)
{
    QStringList parts;
    if (roles.testFlag(Destination::Send))
        parts << QStringLiteral("send");
    if (roles.testFlag(Destination::QueryRetrieve))
        parts << QStringLiteral("query");
    if (roles.testFlag(Destination::Sync))
        parts << QStringLiteral("sync");
    return parts.join(QLatin1Char(','));
}

std::optional<Destination::Roles> parseRoles(const QString &text, QString *error)
{
    Destination::Roles roles;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed().toLower();
        if (part == QLatin1String("send") || part == QLatin1String("store"))
            roles |= Destination::Send;
        else if (part == QLatin1String("query") || part == QLatin1String("qr") || part == QLatin1String("retrieve")
                 || part == QLatin1String("query-retrieve"))
            roles |= Destination::QueryRetrieve;
        else if (part == QLatin1String("sync"))
            roles |= Destination::Sync;
        else {
            if (error)
                *error = QCoreApplication::translate("lightbox::Destination",
                                                     "unknown role \"%1\": use send, query or sync")
                             .arg(raw.trimmed());
            return std::nullopt;
        }
    }
    if (!roles) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Destination",
                                                 "at least one role is needed: send, query or sync");
        return std::nullopt;
    }
    return roles;
}

QString retrieveMethodToString(Destination::RetrieveMethod method)
{
    return method == Destination::RetrieveMethod::Get ? QStringLiteral("get") : QStringLiteral("move");
}

std::optional<Destination::RetrieveMethod> parseRetrieveMethod(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("move") || t == QLatin1String("c-move"))
        return Destination::RetrieveMethod::Move;
    if (t == QLatin1String("get") || t == QLatin1String("c-get"))
        return Destination::RetrieveMethod::Get;
    return std::nullopt;
}

QString webAuthToString(Destination::WebAuth auth)
{
    switch (auth) {
    case Destination::WebAuth::Basic:
        return QStringLiteral("basic");
    case Destination::WebAuth::Bearer:
        return QStringLiteral("bearer");
    case Destination::WebAuth::None:
        break;
    }
    return QStringLiteral("none");
}

std::optional<Destination::WebAuth> parseWebAuth(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("none"))
        return Destination::WebAuth::None;
    if (t == QLatin1String("basic"))
        return Destination::WebAuth::Basic;
    if (t == QLatin1String("bearer") || t == QLatin1String("token"))
        return Destination::WebAuth::Bearer;
    return std::nullopt;
}

bool Destination::syncs(const QString &modality, const QString &callingAe) const
{
    if (!roles.testFlag(Sync))
        return false;
    const QString from = callingAe.trimmed();
    if (kind == Kind::Dicom && !from.isEmpty() && from == node.aeTitle.trimmed())
        return false;
    if (!syncModalities.isEmpty() && !syncModalities.contains(modality.trimmed(), Qt::CaseInsensitive))
        return false;
    if (!syncCallingAes.isEmpty() && !syncCallingAes.contains(from))
        return false;
    return true;
}

QString validateDestination(const Destination &d, const QList<Destination> &others)
{
    if (d.name.trimmed().isEmpty())
        return QCoreApplication::translate("lightbox::Destination", "Name: a destination needs a name");
    for (const Destination &o : others) {
        if (o.name.compare(d.name.trimmed(), Qt::CaseInsensitive) == 0)
            return QCoreApplication::translate("lightbox::Destination",
                                               "Name: there is already a destination called \"%1\"")
                .arg(o.name);
    }
    if (!d.roles)
        return QCoreApplication::translate("lightbox::Destination",
                                           "Roles: choose at least one of send, query/retrieve or sync");
    if (d.kind == Destination::Kind::DicomWeb) {
        if (!d.url.startsWith(QLatin1String("http://")) && !d.url.startsWith(QLatin1String("https://")))
            return QCoreApplication::translate("lightbox::Destination",
                                               "URL: a DICOMweb server's address starts with http:// or https://");
        if (d.auth == Destination::WebAuth::Basic && d.user.trimmed().isEmpty())
            return QCoreApplication::translate("lightbox::Destination", "User: basic authentication needs a user name");
        return {};
    }
    if (const QString why = validateAeTitle(d.node.aeTitle); !why.isEmpty())
        return QCoreApplication::translate("lightbox::Destination", "AE title: %1").arg(why);
    if (d.node.host.trimmed().isEmpty())
        return QCoreApplication::translate("lightbox::Destination", "Host: enter a host name or IP address");
    if (d.node.port == 0)
        return QCoreApplication::translate("lightbox::Destination", "Port: must be a number from 1 to 65535");
    return {};
}

namespace destinations {
namespace {

// "CT,MR" as written by save(); a hand-written unquoted list reads back as a QStringList.
QStringList listValue(QSettings &s, const QString &key)
{
    const QVariant v = s.value(key);
    const QStringList raw
        = v.typeId() == QMetaType::QStringList ? v.toStringList() : v.toString().split(QLatin1Char(','));
    QStringList out;
    for (const QString &item : raw) {
        if (!item.trimmed().isEmpty())
            out << item.trimmed();
    }
    return out;
}

} // namespace

QList<Destination> load(QSettings &s)
{
    QList<Destination> list;
    const int count = s.beginReadArray(QStringLiteral("destinations"));
    for (int i = 0; i < count; ++i) {
        s.setArrayIndex(i);
        Destination d;
        d.name = s.value(QStringLiteral("name")).toString();
        d.kind = s.value(QStringLiteral("kind")).toString() == QLatin1String("dicomweb") ? Destination::Kind::DicomWeb
                                                                                         : Destination::Kind::Dicom;
        d.node.aeTitle = s.value(QStringLiteral("aeTitle")).toString();
        d.node.host = s.value(QStringLiteral("host")).toString();
        d.node.port = static_cast<quint16>(s.value(QStringLiteral("port")).toUInt());
        // A hand-written "roles=send,query" without quotes reads back as a list.
        const QVariant roles = s.value(QStringLiteral("roles"));
        const QString rolesText
            = roles.typeId() == QMetaType::QStringList ? roles.toStringList().join(QLatin1Char(',')) : roles.toString();
        d.roles = parseRoles(rolesText).value_or(Destination::Roles());
        d.retrieve = parseRetrieveMethod(s.value(QStringLiteral("retrieve")).toString())
                         .value_or(Destination::RetrieveMethod::Move);
        d.url = s.value(QStringLiteral("url")).toString();
        d.user = s.value(QStringLiteral("user")).toString();
        d.auth = parseWebAuth(s.value(QStringLiteral("auth")).toString())
                     .value_or(d.user.isEmpty() ? Destination::WebAuth::None : Destination::WebAuth::Basic);
        d.syncModalities = listValue(s, QStringLiteral("syncModalities"));
        d.syncCallingAes = listValue(s, QStringLiteral("syncCallingAes"));
        d.verifySync = s.value(QStringLiteral("verifySync"), false).toBool();
        if (!d.name.isEmpty())
            list.append(d);
    }
    s.endArray();
    return list;
}

void save(QSettings &s, const QList<Destination> &list)
{
    s.remove(QStringLiteral("destinations"));
    s.beginWriteArray(QStringLiteral("destinations"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        const Destination &d = list[i];
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("name"), d.name);
        s.setValue(QStringLiteral("kind"),
                   d.kind == Destination::Kind::DicomWeb ? QStringLiteral("dicomweb") : QStringLiteral("dicom"));
        s.setValue(QStringLiteral("aeTitle"), d.node.aeTitle);
        s.setValue(QStringLiteral("host"), d.node.host);
        s.setValue(QStringLiteral("port"), d.node.port);
        s.setValue(QStringLiteral("roles"), rolesToString(d.roles));
        s.setValue(QStringLiteral("retrieve"), retrieveMethodToString(d.retrieve));
        s.setValue(QStringLiteral("url"), d.url);
        s.setValue(QStringLiteral("user"), d.user);
        s.setValue(QStringLiteral("auth"), webAuthToString(d.auth));
        s.setValue(QStringLiteral("syncModalities"), d.syncModalities.join(QLatin1Char(',')));
        s.setValue(QStringLiteral("syncCallingAes"), d.syncCallingAes.join(QLatin1Char(',')));
        s.setValue(QStringLiteral("verifySync"), d.verifySync);
    }
    s.endArray();
}

std::optional<Destination> byName(const QList<Destination> &list, const QString &name)
{
    for (const Destination &d : list) {
        if (d.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

std::optional<Destination> byAeTitle(const QList<Destination> &list, const QString &aeTitle)
{
    const QString wanted = aeTitle.trimmed();
    for (const Destination &d : list) {
        if (d.kind == Destination::Kind::Dicom && d.node.aeTitle.trimmed() == wanted)
            return d;
    }
    return std::nullopt;
}

} // namespace destinations

} // namespace lightbox

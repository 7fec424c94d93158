#include "ui/settings/FieldChecks.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace lightbox {
namespace fieldchecks {

quint16 parsePort(const QString &text, QString *error)
{
    const QString t = text.trimmed();
    bool ok = false;
    const uint port = t.toUInt(&ok);
    if (t.isEmpty() || !ok || port == 0 || port > 65535) {
        if (error)
            *error = t.isEmpty()
                ? QCoreApplication::translate("lightbox::SettingsDialog", "Enter a port: a number from 1 to 65535.")
                : QCoreApplication::translate("lightbox::SettingsDialog",
                                              "\"%1\" is not a port: use a number from 1 to 65535.")
                      .arg(t);
        return 0;
    }
    return static_cast<quint16>(port);
}

QLabel *makeMessageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setVisible(false);
    return label;
}

void showError(QLabel *label, const QString &message)
{
    label->setStyleSheet(QStringLiteral("color: #c0392b;"));
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void showNote(QLabel *label, const QString &message, bool positive)
{
    label->setStyleSheet(positive ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: palette(mid);"));
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QWidget *withMessage(QWidget *field, QLabel *message, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return box;
}

} // namespace fieldchecks

HostCheck::HostCheck(QObject *parent)
    : QObject(parent)
{
    m_pause.setSingleShot(true);
    m_pause.setInterval(300);
    connect(&m_pause, &QTimer::timeout, this, &HostCheck::lookUp);
}

HostCheck::~HostCheck()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
}

void HostCheck::check(const QString &host)
{
    const QString h = host.trimmed();
    if (h == m_host && m_state != State::Empty)
        return;
    m_host = h;
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_pause.stop();
    if (h.isEmpty()) {
        m_state = State::Empty;
        m_message.clear();
    } else {
        m_state = State::Checking;
        m_message = QCoreApplication::translate("lightbox::SettingsDialog", "Looking up %1…").arg(h);
        m_pause.start();
    }
    Q_EMIT stateChanged();
}

void HostCheck::lookUp()
{
    const QString host = m_host;
    m_lookupId = QHostInfo::lookupHost(host, this, [this, host](const QHostInfo &info) {
        if (host != m_host)
            return;
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            m_state = State::NotFound;
            m_message = QCoreApplication::translate("lightbox::SettingsDialog",
                                                    "Host \"%1\" cannot be found: check the name, or enter the IP "
                                                    "address.")
                            .arg(host);
        } else {
            m_state = State::Resolved;
            m_message = QCoreApplication::translate("lightbox::SettingsDialog", "Found: %1")
                            .arg(info.addresses().constFirst().toString());
        }
        Q_EMIT stateChanged();
    });
}

} // namespace lightbox

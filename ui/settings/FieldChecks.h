#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class QLabel;
class QWidget;

namespace lightbox {

/// Small pieces the settings pages share for inline validation: a red message under a field, a port parsed
/// from text (a spin box would silently clamp 70000 to 65535), and an asynchronous host-name check.
namespace fieldchecks {

/// Parses a TCP port typed by the technician.
/// @return the port, or 0 with @p error set to the plain-words reason.
quint16 parsePort(const QString &text, QString *error);

/// A label for a field's message: red, word-wrapped, hidden while empty.
QLabel *makeMessageLabel(const QString &objectName, QWidget *parent);
/// Shows @p message in red under its field, or hides the label when @p message is empty.
void showError(QLabel *label, const QString &message);
/// Shows a neutral or positive note (e.g. "Looking up…", "127.0.0.1") in the message label.
void showNote(QLabel *label, const QString &message, bool positive);

/// Stacks @p field above @p message, for one row of a form.
QWidget *withMessage(QWidget *field, QLabel *message, QWidget *parent);

} // namespace fieldchecks

/// Resolves a host name in the background (QHostInfo::lookupHost) shortly after the technician stops typing,
/// and keeps the latest answer. Only the answer for the latest name counts.
class HostCheck : public QObject
{
    Q_OBJECT

public:
    enum class State { Empty, Checking, Resolved, NotFound };

    explicit HostCheck(QObject *parent = nullptr);
    ~HostCheck() override;

    /// Starts checking @p host (after a short pause, so typing does not start a lookup per key).
    void check(const QString &host);
    State state() const { return m_state; }
    /// The addresses found, or why the name was not found, in plain words.
    QString message() const { return m_message; }

Q_SIGNALS:
    void stateChanged();

private:
    void lookUp();

    QTimer m_pause;
    QString m_host;
    int m_lookupId = -1;
    State m_state = State::Empty;
    QString m_message;
};

} // namespace lightbox

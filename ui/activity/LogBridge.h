#pragma once

#include <QObject>

namespace lightbox {

/// Forwards Lightbox's warnings and errors (categories "lightbox.*", from any thread) to the GUI as a queued
/// signal, so the activity panel can show them; messages still reach the previous handler (the terminal).
class LogBridge : public QObject
{
    Q_OBJECT
public:
    explicit LogBridge(QObject *parent = nullptr);
    ~LogBridge() override;

Q_SIGNALS:
    void message(QtMsgType type, const QString &category, const QString &text);
};

} // namespace lightbox

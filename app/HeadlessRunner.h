#pragma once

#include <QObject>

class QSocketNotifier;

namespace lightbox {

class Workstation;

/// Runs the Workstation without a GUI until SIGTERM or SIGINT, then stops it gracefully (associations in
/// flight finish) and quits the event loop with exit code 0.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    explicit HeadlessRunner(Workstation &workstation, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    /// Installs the signal handlers. @return false if they cannot be installed.
    bool installSignalHandlers();

private:
    void onSignal();

    Workstation &m_workstation;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace lightbox

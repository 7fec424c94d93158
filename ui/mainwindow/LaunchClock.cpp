#include "ui/mainwindow/LaunchClock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace lightbox {

qint64 msSinceProcessStart()
{
    // /proc/self/stat field 22 is the start time in clock ticks after boot; /proc/uptime is now.
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (stat.open(QIODevice::ReadOnly) && uptime.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        const double now = uptime.readAll().split(' ').value(0).toDouble();
        const long ticks = sysconf(_SC_CLK_TCK);
        if (fields.size() > 19 && ticks > 0 && now > 0) {
            const double started = fields.at(19).toDouble() / static_cast<double>(ticks);
            return static_cast<qint64>((now - started) * 1000.0);
        }
    }
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    return clock.elapsed();
}

} // namespace lightbox

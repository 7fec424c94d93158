#include "app/testsend/InstancePipeline.h"

#include "core/dicom/SyntheticStudy.h"

#include <QDir>

#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>

namespace lightbox {

InstancePipeline::InstancePipeline(const SyntheticStudy &study, const QString &folder, int depth)
    : m_study(study)
    , m_folder(folder)
    , m_depth(static_cast<size_t>(std::max(1, depth)))
    , m_worker([this] { work(); })
{
}

InstancePipeline::~InstancePipeline()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

void InstancePipeline::work()
{
    const int total = m_study.instanceCount();
    for (int i = 0; i < total; ++i) {
        QElapsedTimer clock;
        clock.start();
        Item item {i, m_study.instance(i)};
        QString why;
        if (!m_folder.isEmpty()) {
            const QString path = QDir(m_folder).filePath(m_study.relativePath(i));
            if (!QDir().mkpath(QFileInfo(path).absolutePath()))
                why = QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath());
            else
                item.object.save(path, &why);
        }
        const qint64 spent = clock.nsecsElapsed();

        std::unique_lock lock(m_mutex);
        m_busyNs += spent;
        if (!why.isEmpty()) {
            m_error = why;
            break;
        }
        m_changed.wait(lock, [this] { return m_stop || m_ready.size() < m_depth; });
        if (m_stop)
            break;
        m_ready.push_back(std::move(item));
        lock.unlock();
        m_changed.notify_all();
    }
    {
        const std::lock_guard lock(m_mutex);
        m_finished = true;
    }
    m_changed.notify_all();
}

std::optional<InstancePipeline::Item> InstancePipeline::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_finished; });
    if (m_ready.empty())
        return std::nullopt;
    Item item = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return item;
}

QString InstancePipeline::error() const
{
    const std::lock_guard lock(m_mutex);
    return m_error;
}

qint64 InstancePipeline::busyNs() const
{
    const std::lock_guard lock(m_mutex);
    return m_busyNs;
}

} // namespace lightbox

#pragma once

#include "core/dicom/DicomObject.h"

#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace lightbox {

class SyntheticStudy;

/// Generates the instances of a synthetic study on a worker thread, a few ahead of the consumer, so building
/// images (and writing them with --out) overlaps with sending them.
class InstancePipeline
{
public:
    /// One generated instance.
    struct Item
    {
        int index = 0;
        DicomObject object;
    };

    /// Starts generating. @param study must outlive the pipeline. @param folder if not empty, every instance
    /// is also written there (at study.relativePath()). @param depth how many instances may wait in memory.
    InstancePipeline(const SyntheticStudy &study, const QString &folder, int depth = 4);
    /// Stops the worker and waits for it.
    ~InstancePipeline();
    InstancePipeline(const InstancePipeline &) = delete;
    InstancePipeline &operator=(const InstancePipeline &) = delete;

    /// The next instance in order, waiting for it. @return std::nullopt after the last one or after an error.
    std::optional<Item> next();
    /// Why generation stopped early (a file could not be written), or empty.
    QString error() const;
    /// Time the worker spent building and writing instances.
    qint64 busyNs() const;

private:
    void work();

    const SyntheticStudy &m_study;
    const QString m_folder;
    const size_t m_depth;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Item> m_ready;
    bool m_finished = false;
    bool m_stop = false;
    QString m_error;
    qint64 m_busyNs = 0;
    std::thread m_worker;
};

} // namespace lightbox

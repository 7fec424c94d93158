#pragma once

#include "core/transfer/TransferProgress.h"

#include <QFuture>
#include <QPromise>
#include <QtConcurrent>

#include <atomic>
#include <mutex>

namespace lightbox {

/// What imports and exports share: run in the calling thread or on Qt's pool with a QFuture that reports
/// progress, cancel from any thread (what was done stays done), and the summary of the last run kept even when the
/// QFuture itself was cancelled (Qt then discards its result). A subclass implements runWith().
template<typename Request, typename Summary> class TransferJob
{
public:
    virtual ~TransferJob() = default;

    /// A callback for progress, for use without a QPromise. Call before running.
    void setProgressCallback(TransferProgress progress) { m_progress = std::move(progress); }
    /// Runs in the calling thread. @return the summary.
    Summary run(const Request &request) { return runAndKeep(request, nullptr); }
    /// The same, for QtConcurrent::run: progress on @p promise (cancelling it stops the job), the summary as the
    /// promise's result.
    void run(QPromise<Summary> &promise, const Request &request) { promise.addResult(runAndKeep(request, &promise)); }
    /// Runs on Qt's global thread pool; the job object must outlive the future. @return the future of the summary.
    QFuture<Summary> start(const Request &request)
    {
        return QtConcurrent::run([this, request](QPromise<Summary> &promise) { run(promise, request); });
    }
    /// Asks a running job to stop (thread-safe).
    void cancel() { m_cancel = true; }
    /// True once cancel() has been called (until the next run).
    bool isCancelled() const { return m_cancel.load(); }
    /// The summary of the last finished run.
    Summary summary() const
    {
        std::lock_guard lock(m_summaryMutex);
        return m_summary;
    }

protected:
    /// The work itself; poll stopRequested() and call reportProgress() as it goes.
    virtual Summary runWith(const Request &request, QPromise<Summary> *promise) = 0;

    /// True when cancel() was called or @p promise was cancelled.
    bool stopRequested(const QPromise<Summary> *promise) const
    {
        return m_cancel.load() || (promise && promise->isCanceled());
    }
    /// @p done of @p total steps (0: not known yet) with a line for the user, to @p promise and the callback.
    /// Thread-safe: worker threads of one job may report at the same time.
    void reportProgress(QPromise<Summary> *promise, int done, int total, const QString &text)
    {
        std::lock_guard lock(m_progressMutex);
        if (promise) {
            if (done == 0)
                promise->setProgressRange(0, total);
            promise->setProgressValueAndText(done, text);
        }
        if (m_progress)
            m_progress(done, total, text);
    }

private:
    Summary runAndKeep(const Request &request, QPromise<Summary> *promise)
    {
        m_cancel = false;
        Summary summary = runWith(request, promise);
        std::lock_guard lock(m_summaryMutex);
        m_summary = summary;
        return summary;
    }

    TransferProgress m_progress;
    std::atomic<bool> m_cancel {false};
    std::mutex m_progressMutex;
    mutable std::mutex m_summaryMutex;
    Summary m_summary;
};

} // namespace lightbox

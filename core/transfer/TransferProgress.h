#pragma once

#include <QString>

#include <functional>

namespace lightbox {

/// Progress of an import or export: @p done of @p total steps, and a line for the user (the current file or
/// phase). A total of 0 means "not known yet" (a busy indicator). Called from worker threads, one call at a
/// time; keep it cheap.
using TransferProgress = std::function<void(int done, int total, const QString &text)>;

} // namespace lightbox

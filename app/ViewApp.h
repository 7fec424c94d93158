#pragma once

#include <QStringList>

class QSettings;

namespace lightbox {

/// `lightbox --view PATH...`: opens files, folders or a DICOMDIR (a patient CD, a USB stick) straight in the
/// viewer without importing them; each window has an Import button. Expects a QApplication.
/// @return the process exit code.
int runViewer(const QStringList &paths, QSettings &settings);

} // namespace lightbox

#pragma once

#include <QStringList>

namespace lightbox {

/// `lightbox render FILE --out PNG [--frame N] [--window W --level L] [--invert]`: decodes one frame of a DICOM
/// image and writes it as an 8-bit PNG through the display pipeline (the file's own window, VOI LUT or min-max
/// unless --window/--level are given; --frame is 1-based, default 1). Errors go to stderr in plain words.
/// @param argsAfterVerb the arguments after "render". @return 0 when the PNG was written, 1 otherwise.
int runRenderCommand(const QStringList &argsAfterVerb);

} // namespace lightbox

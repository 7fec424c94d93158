#include "app/RenderCommand.h"

#include "app/CommandOutput.h"
#include "core/imaging/DisplayPipeline.h"
#include "core/imaging/FrameDecoder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QImageWriter>
#include <QTextStream>

#include <cmath>
#include <optional>

namespace lightbox {
namespace {

using cli::fail;

bool parseNumber(const QString &text, double &out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    return ok && std::isfinite(out);
}

} // namespace

int runRenderCommand(const QStringList &argsAfterVerb)
{
    const QCommandLineOption out(QStringLiteral("out"),
                                 QCoreApplication::translate("lightbox::RenderCommand", "PNG file to write."),
                                 QStringLiteral("PNG"));
    const QCommandLineOption frameOption(
        QStringLiteral("frame"),
        QCoreApplication::translate("lightbox::RenderCommand", "Frame to render, from 1 (default 1)."),
        QStringLiteral("N"));
    const QCommandLineOption window(QStringLiteral("window"),
                                    QCoreApplication::translate("lightbox::RenderCommand", "Window width."),
                                    QStringLiteral("W"));
    const QCommandLineOption level(QStringLiteral("level"),
                                   QCoreApplication::translate("lightbox::RenderCommand", "Window level (centre)."),
                                   QStringLiteral("L"));
    const QCommandLineOption invert(QStringLiteral("invert"),
                                    QCoreApplication::translate("lightbox::RenderCommand", "Show the image inverted."));
    QCommandLineParser parser;
    parser.addOptions({out, frameOption, window, level, invert});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QCoreApplication::translate("lightbox::RenderCommand", "DICOM image file."));
    if (!parser.parse(QStringList {QStringLiteral("lightbox render")} + argsAfterVerb))
        return fail(parser.errorText());
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return fail(QCoreApplication::translate(
            "lightbox::RenderCommand",
            "render needs exactly one DICOM file, e.g. lightbox render image.dcm --out image.png"));
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return fail(QCoreApplication::translate("lightbox::RenderCommand", "render needs --out FILE.png"));
    if (parser.isSet(window) != parser.isSet(level))
        return fail(QCoreApplication::translate("lightbox::RenderCommand",
                                                "--window and --level go together: give both or neither"));

    int frame = 1;
    if (parser.isSet(frameOption)) {
        bool ok = false;
        frame = parser.value(frameOption).toInt(&ok);
        if (!ok || frame < 1)
            return fail(QCoreApplication::translate("lightbox::RenderCommand", "--frame must be a number from 1"));
    }
    std::optional<WindowPreset> preset;
    if (parser.isSet(window)) {
        WindowPreset w;
        if (!parseNumber(parser.value(window), w.width) || w.width <= 0)
            return fail(QCoreApplication::translate("lightbox::RenderCommand", "--window must be a positive number"));
        if (!parseNumber(parser.value(level), w.center))
            return fail(QCoreApplication::translate("lightbox::RenderCommand", "--level must be a number"));
        preset = w;
    }

    QString error;
    const std::optional<ImageInfo> info = FrameDecoder::readInfo(files.first(), &error);
    if (!info)
        return fail(QCoreApplication::translate("lightbox::RenderCommand", "%1: %2").arg(files.first(), error));
    if (frame > info->frames)
        return fail(
            QCoreApplication::translate("lightbox::RenderCommand", "%1 has %2 frames; --frame %3 does not exist")
                .arg(files.first())
                .arg(info->frames)
                .arg(frame));
    DecodedFrame decoded;
    if (!FrameDecoder::decode(files.first(), frame - 1, *info, &decoded, &error))
        return fail(QCoreApplication::translate("lightbox::RenderCommand", "%1: %2").arg(files.first(), error));
    const QImage image = DisplayPipeline::render(*info, decoded, preset, parser.isSet(invert));
    if (image.isNull())
        return fail(QCoreApplication::translate("lightbox::RenderCommand", "%1: the image could not be rendered")
                        .arg(files.first()));
    QImageWriter writer(parser.value(out), QByteArrayLiteral("png"));
    if (!writer.write(image))
        return fail(QCoreApplication::translate("lightbox::RenderCommand", "cannot write %1: %2")
                        .arg(parser.value(out), writer.errorString()));
    return 0;
}

} // namespace lightbox

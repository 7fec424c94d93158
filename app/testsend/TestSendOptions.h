#pragma once

#include "core/common/DicomNode.h"
#include "core/dicom/SyntheticStudy.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lightbox {

/// The command line of lightbox-testsend, parsed and checked.
struct TestSendOptions
{
    DicomNode target; ///< Called AE title, host and port of the receiver.
    QString callingAe = QStringLiteral("TESTSEND");
    QList<SyntheticKind> kinds; ///< Templates to cycle through.
    int count = 1; ///< Studies to generate.
    int matrix = 0; ///< Image size in pixels; 0 = each template's default.
    int slices = 0; ///< Images per CT/MR series, frames per XA run; 0 = defaults.
    QString outDir; ///< Write the files here.
    bool send = true; ///< Echo and C-STORE the target (false with --out unless --send).
    int timeoutSeconds = 30;
    bool helpRequested = false;
    bool versionRequested = false;

    /// Parses @p arguments (argv, program name first). Defaults for host and port come from the environment
    /// variables ORTHANC_HOST and ORTHANC_PORT, else 127.0.0.1 and 4242.
    /// @return the options, or std::nullopt with @p error set to a plain-words reason.
    static std::optional<TestSendOptions> parse(const QStringList &arguments, QString *error);

    /// The --help text.
    static QString helpText();
};

} // namespace lightbox

#pragma once

#include "app/testsend/TestSendOptions.h"

#include <QTextStream>

namespace lightbox {

class SyntheticStudy;
class StoreScu;

/// Runs the modality simulator: C-ECHO the target, then generate every study and C-STORE (and/or write) its
/// instances, printing one line per study and a summary.
class TestSender
{
public:
    /// @param options the parsed command line; @param out progress and summary; @param err problems.
    TestSender(const TestSendOptions &options, QTextStream &out, QTextStream &err);

    /// Does the whole run. @return the exit code: 0 every instance got Success, 1 some did not, 2 the C-ECHO
    /// failed, 3 the output folder cannot be written.
    int run();

private:
    struct Totals
    {
        int studies = 0;
        qint64 instances = 0;
        qint64 succeeded = 0;
        qint64 warnings = 0;
        qint64 failed = 0;
        qint64 bytes = 0;
        qint64 storeNs = 0; ///< Connecting, storing and releasing.
        qint64 generateNs = 0; ///< Building images and writing files (on the pipeline's thread).
        qint64 wallNs = 0; ///< From the association request to its release, as the user waits.
    };

    /// Checks the target answers a C-ECHO. @return false (and prints why) if not.
    bool echo();
    /// Generates study number @p number and sends and/or writes it. @return false if writing failed.
    bool process(int number, const SyntheticStudy &study);
    /// Opens the association for @p study. @return false and prints why if it cannot.
    bool connect(StoreScu &scu, const SyntheticStudy &study);

    TestSendOptions m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    Totals m_totals;
};

} // namespace lightbox

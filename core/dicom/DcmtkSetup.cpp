#include "core/dicom/DcmtkSetup.h"

#include "core/common/Logging.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmnet/dul.h>
#include <dcmtk/oflog/oflog.h>
#include <dcmtk/oflog/spi/logevent.h>

#include <cstdlib>
#include <mutex>

namespace lightbox {
namespace {

// Sends DCMTK's log events to Qt's logging so one log shows both.
class QtLogAppender : public dcmtk::log4cplus::Appender
{
public:
    void close() override { }

protected:
    void append(const dcmtk::log4cplus::spi::InternalLoggingEvent &event) override
    {
        const QString text = QString::fromLocal8Bit(event.getMessage().c_str()).trimmed();
        auto level = event.getLogLevel();
        // Expected when reading only the header of a file (DcmFileFormat::loadFileUntilTag).
        if (text.contains(QLatin1String("encountered, skipping rest of dataset")))
            level = dcmtk::log4cplus::DEBUG_LOG_LEVEL;
        if (level >= dcmtk::log4cplus::ERROR_LOG_LEVEL)
            qCWarning(lcDicom).noquote() << "DCMTK error:" << text;
        else if (level >= dcmtk::log4cplus::WARN_LOG_LEVEL)
            qCInfo(lcDicom).noquote() << "DCMTK:" << text;
        else
            qCDebug(lcDicom).noquote() << "DCMTK:" << text;
    }
};

} // namespace

void initializeDcmtk()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK 3.6.7 keeps Nagle on unless TCP_NODELAY is set; a ~40 ms stall per PDU exchange otherwise.
        // Changing the environment races with threads reading it: skip it when it is already right (tests and
        // scripts export it), and call this early, before other threads start (main(), Workstation::start()).
        if (qgetenv("TCP_NODELAY") != "1")
            ::setenv("TCP_NODELAY", "1", 1);
        dcmDisableGethostbyaddr.set(OFTrue);
        // Keep data as it arrived: no silent "corrections" of what we store and index.
        dcmEnableAutomaticInputDataCorrection.set(OFFalse);
        // Load the data dictionary now (tens of milliseconds), not inside the first association or echo.
        if (!dcmDataDict.isDictionaryLoaded())
            qCWarning(lcDicom) << "The DICOM data dictionary could not be loaded; is DCMTK installed correctly?";
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();

        dcmtk::log4cplus::Logger root = dcmtk::log4cplus::Logger::getRoot();
        root.removeAllAppenders();
        root.addAppender(dcmtk::log4cplus::SharedAppenderPtr(new QtLogAppender));
        root.setLogLevel(lcDicom().isDebugEnabled() ? dcmtk::log4cplus::DEBUG_LOG_LEVEL
                                                    : dcmtk::log4cplus::WARN_LOG_LEVEL);
    });
}

} // namespace lightbox

#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcNet, "lightbox.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDicom, "lightbox.dicom", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "lightbox.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIndex, "lightbox.index", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIngest, "lightbox.ingest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "lightbox.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "lightbox.sync", QtInfoMsg)

namespace lightbox {

void installLogFormat()
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} "
                                      "%{if-debug}debug%{endif}%{if-info}info %{endif}%{if-warning}WARN %{endif}"
                                      "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"));
}

} // namespace lightbox

// Helpers for tests that run a Workstation in-process and feed it synthetic instances without the network.
#pragma once

#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/SyntheticStudy.h"
#include "core/net/InstanceSink.h"
#include "tests/support/TestSupport.h"

#include <QFileInfo>

namespace lightbox::test {

/// Default node settings on a free loopback port, with no free-space reserve (tests run on small disks).
inline NodeSettings settingsOnFreePort()
{
    NodeSettings settings;
    settings.port = freePort();
    settings.minFreeMegabytes = 0;
    return settings;
}

/// Writes every instance of @p study into the incoming folder and hands it to @p sink, as the listener would.
/// @return false when a file cannot be written or the sink refuses one.
inline bool ingestStudy(InstanceSink &sink, const StorageLocation &location, const SyntheticStudy &study)
{
    for (int i = 0; i < study.instanceCount(); ++i) {
        const QString path = location.incomingDir() + QStringLiteral("/in%1.dcm").arg(i);
        if (!study.instance(i).save(path))
            return false;
        ReceivedFile file;
        file.path = path;
        file.size = QFileInfo(path).size();
        if (!sink.accept(file, AssociationInfo {}).isSuccess())
            return false;
    }
    return true;
}

} // namespace lightbox::test

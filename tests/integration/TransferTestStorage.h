#pragma once

#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexReader.h"
#include "core/service/Workstation.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lightbox::test {

/// A Workstation running in this process on its own temporary storage folder (listener on a free port), for
/// import and export tests.
class TransferTestStorage
{
public:
    bool start()
    {
        NodeSettings settings;
        settings.port = freePort();
        m_workstation = std::make_unique<Workstation>(StorageLocation(m_dir.path()), settings);
        QString error;
        if (!m_workstation->start(&error)) {
            qWarning().noquote() << "Workstation did not start:" << error;
            return false;
        }
        m_workstation->reconciliation().waitForFinished();
        return true;
    }

    Workstation &workstation() { return *m_workstation; }
    InstanceSink &sink() { return *m_workstation->ingest(); }
    StorageLocation location() const { return StorageLocation(m_dir.path()); }

    /// Instance rows in the index, read on a fresh reader connection.
    qint64 instanceRows() const
    {
        IndexReader reader(location().indexPath());
        return reader.open() ? reader.stats().instances : -1;
    }

    /// The stored file of @p sopInstanceUid (absolute), or empty.
    QString storedFile(const QString &sopInstanceUid) const
    {
        IndexReader reader(location().indexPath());
        if (!reader.open())
            return {};
        const auto path = reader.filePathOf(sopInstanceUid);
        return path ? location().filesDir() + QLatin1Char('/') + *path : QString();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workstation> m_workstation;
};

} // namespace lightbox::test

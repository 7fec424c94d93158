#pragma once

#include "core/net/InstanceSink.h"

namespace lightbox {

class FileStore;
class IndexWriter;

/// The one way instances enter Lightbox (network today; imports later): read and check the data set,
/// store the file durably, index it, and only then report success. If indexing fails the new file is
/// removed again, so nothing is half-stored.
class Ingest : public InstanceSink
{
public:
    Ingest(FileStore &store, IndexWriter &index);

    StoreStatus accept(const ReceivedFile &file, const AssociationInfo &association) override;

private:
    FileStore &m_store;
    IndexWriter &m_index;
};

} // namespace lightbox

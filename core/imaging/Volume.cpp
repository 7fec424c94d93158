#include "core/imaging/Volume.h"

#include <QReadLocker>
#include <QWriteLocker>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

namespace lightbox {
namespace {

// calloc: large blocks come straight from the kernel as zero pages, so unused capacity costs no memory.
std::shared_ptr<void> allocate(std::size_t bytes)
{
    void *memory = std::calloc(std::max<std::size_t>(bytes, 1), 1);
    if (!memory)
        throw std::bad_alloc();
    return std::shared_ptr<void>(memory, [](void *p) { std::free(p); });
}

// Maps the whole pages inside [begin, begin + bytes) in one call, before a decoder writes there: the kernel fills
// them in one pass instead of taking a page fault for each 4 KiB the write touches (a 512 × 512 int16 slice is 128
// faults). On a 2-core machine that took ~10 % off a 500-slice load. A kernel older than 5.14 refuses
// MADV_POPULATE_WRITE and the pages fault in as before; so does memory the kernel cannot give now (the write then
// meets the same limit it would have met anyway).
void populate(void *begin, std::size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
    static const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const auto start = reinterpret_cast<std::uintptr_t>(begin);
    const std::uintptr_t first = (start + page - 1) & ~(page - 1);
    const std::uintptr_t last = (start + bytes) & ~(page - 1);
    if (last > first)
        madvise(reinterpret_cast<void *>(first), last - first, MADV_POPULATE_WRITE);
#else
    Q_UNUSED(begin);
    Q_UNUSED(bytes);
#endif
}

std::byte *bytesOf(const std::shared_ptr<void> &buffer)
{
    return static_cast<std::byte *>(buffer.get());
}

} // namespace

Volume::Volume(SampleType type, int components, int width, int height)
    : m_type(type)
    , m_components(std::max(components, 1))
    , m_width(std::max(width, 0))
    , m_height(std::max(height, 0))
    , m_sliceBytes(sampleSize(type) * std::size_t(m_components) * std::size_t(m_width) * std::size_t(m_height))
{
}

Volume::~Volume() = default;

std::size_t Volume::elementCount() const
{
    return std::size_t(m_width) * std::size_t(m_height) * std::size_t(m_components) * std::size_t(depth());
}

void *Volume::sliceData(int index)
{
    return bytesOf(m_buffer) + m_sliceBytes * std::size_t(index);
}

const void *Volume::sliceData(int index) const
{
    return bytesOf(m_buffer) + m_sliceBytes * std::size_t(index);
}

void Volume::setGeometry(const std::array<double, 3> &spacing, const std::array<double, 3> &origin,
                         const std::array<double, 9> &direction)
{
    m_spacing = spacing;
    m_origin = origin;
    m_direction = direction;
}

double Volume::rescaleSlope() const
{
    return m_slices.empty() ? 1.0 : m_slices.front().rescaleSlope;
}

double Volume::rescaleIntercept() const
{
    return m_slices.empty() ? 0.0 : m_slices.front().rescaleIntercept;
}

bool Volume::hasUniformRescale() const
{
    return std::all_of(m_slices.begin(), m_slices.end(), [this](const SliceInfo &s) {
        return s.rescaleSlope == rescaleSlope() && s.rescaleIntercept == rescaleIntercept();
    });
}

int Volume::indexOf(std::uint64_t id) const
{
    const auto it = std::find_if(m_slices.begin(), m_slices.end(), [id](const SliceInfo &s) { return s.id == id; });
    return it == m_slices.end() ? -1 : int(it - m_slices.begin());
}

Volume::SliceState Volume::sliceState(int index) const
{
    return SliceState(std::atomic_ref<std::uint8_t>(m_states[std::size_t(index)]).load());
}

void Volume::setState(std::size_t index, SliceState state)
{
    const auto previous = SliceState(std::atomic_ref<std::uint8_t>(m_states[index]).exchange(std::uint8_t(state)));
    if (previous != SliceState::Loaded && state == SliceState::Loaded)
        ++m_loaded;
    else if (previous == SliceState::Loaded && state != SliceState::Loaded)
        --m_loaded;
}

void Volume::insertSlices(int position, const QList<SliceInfo> &slices)
{
    if (slices.isEmpty())
        return;
    QWriteLocker lock(&m_layoutLock);
    const std::size_t at = std::size_t(std::clamp(position, 0, depth()));
    const std::size_t count = std::size_t(slices.size());
    const std::size_t oldDepth = m_slices.size();
    const std::size_t newDepth = oldDepth + count;
    std::byte *const oldBytes = bytesOf(m_buffer);
    const std::size_t headBytes = at * m_sliceBytes;
    const std::size_t tailBytes = (oldDepth - at) * m_sliceBytes;
    if (newDepth > m_capacity) {
        // The first allocation is exact (a loaded series rarely grows); growth leaves room for more arrivals.
        const std::size_t capacity = m_capacity == 0 ? newDepth : std::max(newDepth, m_capacity + m_capacity / 2);
        std::shared_ptr<void> grown = allocate(capacity * m_sliceBytes);
        if (oldBytes) {
            std::memcpy(bytesOf(grown), oldBytes, headBytes);
            std::memcpy(bytesOf(grown) + headBytes + count * m_sliceBytes, oldBytes + headBytes, tailBytes);
        }
        m_buffer = std::move(grown);
        m_capacity = capacity;
    } else {
        std::memmove(oldBytes + headBytes + count * m_sliceBytes, oldBytes + headBytes, tailBytes);
        std::memset(oldBytes + headBytes, 0, count * m_sliceBytes);
    }
    m_slices.insert(m_slices.begin() + std::ptrdiff_t(at), slices.begin(), slices.end());
    m_states.insert(m_states.begin() + std::ptrdiff_t(at), count, std::uint8_t(SliceState::Pending));
    ++m_generation;
}

bool Volume::writeSlice(std::uint64_t id, const std::function<bool(void *dest, std::size_t bytes)> &write)
{
    QReadLocker lock(&m_layoutLock);
    const int index = indexOf(id);
    if (index < 0)
        return false;
    populate(sliceData(index), m_sliceBytes);
    const bool written = write(sliceData(index), m_sliceBytes);
    setState(std::size_t(index), written ? SliceState::Loaded : SliceState::Failed);
    return written;
}

} // namespace lightbox

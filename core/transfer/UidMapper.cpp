#include "core/transfer/UidMapper.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace lightbox {
namespace {

/// The decimal digits of a big-endian unsigned number (no leading zeros; "0" for zero).
QString toDecimal(QByteArray bigEndian)
{
    QString digits;
    auto isZero = [&] { return std::all_of(bigEndian.cbegin(), bigEndian.cend(), [](char c) { return c == 0; }); };
    while (!isZero()) {
        unsigned remainder = 0;
        for (char &byte : bigEndian) {
            const unsigned value = (remainder << 8) | static_cast<uchar>(byte);
            byte = static_cast<char>(value / 10);
            remainder = value % 10;
        }
        digits.prepend(QChar(u'0' + static_cast<char16_t>(remainder)));
    }
    return digits.isEmpty() ? QStringLiteral("0") : digits;
}

} // namespace

UidMapper::UidMapper(QByteArray salt)
    : m_salt(std::move(salt))
{
    if (m_salt.isEmpty()) {
        std::array<quint32, 8> random {};
        QRandomGenerator::system()->fillRange(random.data(), random.size());
        m_salt = QByteArray(reinterpret_cast<const char *>(random.data()), sizeof(random));
    }
}

bool UidMapper::isStandardUid(const QString &uid)
{
    return uid.startsWith(QLatin1String("1.2.840.10008."));
}

QString UidMapper::map(const QString &original, const QStringList &avoid)
{
    std::lock_guard lock(m_mutex);
    const auto found = m_map.constFind(original);
    if (found != m_map.cend())
        return *found;
    QString uid;
    for (int attempt = 0;; ++attempt) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(m_salt);
        hash.addData(original.toUtf8());
        hash.addData(QByteArray::number(attempt));
        uid = QStringLiteral("2.25.") + toDecimal(hash.result().left(16));
        const bool clean = std::none_of(avoid.cbegin(), avoid.cend(), [&](const QString &needle) {
            return !needle.isEmpty() && uid.contains(needle, Qt::CaseInsensitive);
        });
        if (clean || attempt > 100)
            break;
    }
    m_map.insert(original, uid);
    return uid;
}

} // namespace lightbox

#include "core/dicom/CharsetDecoder.h"

#include <QList>
#include <QStringDecoder>

#include <algorithm>
#include <span>

namespace lightbox {
namespace {

using Codec = CharsetDecoder::Codec;

constexpr char kEsc = '\x1b';

/// ICU converter names, by Codec. Each was checked against Python's codecs over every valid code.
constexpr std::array<const char *, static_cast<size_t>(Codec::Count)> kIcuNames {
    "ISO-8859-1", "UTF-8",         "ISO-8859-2",    "ISO-8859-3",  "ISO-8859-4",  "ISO-8859-5", "ISO-8859-6",
    "ISO-8859-7", "ISO-8859-8",    "ISO-8859-9",    "ISO-8859-15", "ISO-8859-11", // TIS-620 in ICU maps 0x80-0x9F
    "Shift_JIS",  "ISO-2022-JP-1", "ISO-2022-JP-1", "windows-949", "GB2312",      "GB18030",    "GBK",
    nullptr,
};

struct Fixup
{
    char16_t icu;
    char16_t standard;
};

// ICU maps these JIS X 0208 row-1/2 characters like Microsoft's CP932; Python (so pydicom), glibc and the
// Unicode JIS0208 table use the standard code points.
constexpr Fixup kJisFixups[] {{0xFF5E, 0x301C}, {0x2225, 0x2016}, {0xFF0D, 0x2212},
                              {0xFFE0, 0x00A2}, {0xFFE1, 0x00A3}, {0xFFE2, 0x00AC}};
// ICU's Shift_JIS (IBM-943) also swaps three control characters.
constexpr Fixup kShiftJisFixups[] {{0xFF5E, 0x301C}, {0x2225, 0x2016}, {0xFF0D, 0x2212},
                                   {0xFFE0, 0x00A2}, {0xFFE1, 0x00A3}, {0xFFE2, 0x00AC},
                                   {0x001C, 0x001A}, {0x007F, 0x001C}, {0x001A, 0x007F}};

std::span<const Fixup> fixupsOf(Codec codec)
{
    switch (codec) {
    case Codec::Jis0208:
        return kJisFixups;
    case Codec::ShiftJis:
        return kShiftJisFixups;
    default:
        return {};
    }
}

/// A defined term of (0008,0005), by its ISO-IR number: the set it designates and how it is invoked.
struct IsoIrTerm
{
    const char *number;
    Codec codec;
    bool twoByteG0; ///< designated to G0 (JIS X 0208/0212): never the initial set
    bool plainTerm; ///< also valid without code extensions ("ISO_IR n")
    bool standAlone; ///< ISO_IR 192: no code extensions
};

constexpr IsoIrTerm kIsoIrTerms[] {
    {"6", Codec::Latin1, false, true, false},    {"100", Codec::Latin1, false, true, false},
    {"101", Codec::Latin2, false, true, false},  {"109", Codec::Latin3, false, true, false},
    {"110", Codec::Latin4, false, true, false},  {"144", Codec::Cyrillic, false, true, false},
    {"127", Codec::Arabic, false, true, false},  {"126", Codec::Greek, false, true, false},
    {"138", Codec::Hebrew, false, true, false},  {"148", Codec::Latin5, false, true, false},
    {"203", Codec::Latin9, false, true, false},  {"166", Codec::Thai, false, true, false},
    {"13", Codec::ShiftJis, false, true, false}, {"87", Codec::Jis0208, true, false, false},
    {"159", Codec::Jis0212, true, false, false}, {"149", Codec::Korean, false, false, false},
    {"58", Codec::Gb2312, false, false, false},  {"192", Codec::Utf8, false, true, true},
};

/// Escape sequences of PS3.3 Tables C.12-3 and C.12-4. Any of them is honoured, declared or not.
struct Escape
{
    const char *bytes;
    Codec codec;
    bool g0;
};

constexpr Escape kEscapes[] {
    {"\x1b(B", Codec::Latin1, true},    {"\x1b(J", Codec::Latin1, true},    {"\x1b$B", Codec::Jis0208, true},
    {"\x1b$@", Codec::Jis0208, true},   {"\x1b$(D", Codec::Jis0212, true},  {"\x1b-A", Codec::Latin1, false},
    {"\x1b-B", Codec::Latin2, false},   {"\x1b-C", Codec::Latin3, false},   {"\x1b-D", Codec::Latin4, false},
    {"\x1b-L", Codec::Cyrillic, false}, {"\x1b-G", Codec::Arabic, false},   {"\x1b-F", Codec::Greek, false},
    {"\x1b-H", Codec::Hebrew, false},   {"\x1b-M", Codec::Latin5, false},   {"\x1b-b", Codec::Latin9, false},
    {"\x1b-T", Codec::Thai, false},     {"\x1b)I", Codec::ShiftJis, false}, {"\x1b$)C", Codec::Korean, false},
    {"\x1b$)A", Codec::Gb2312, false},
};

const Escape *matchEscape(QByteArrayView rest)
{
    for (const Escape &e : kEscapes) {
        if (rest.startsWith(QByteArrayView(e.bytes)))
            return &e;
    }
    return nullptr;
}

/// "iso_ir 100", "ISO-IR 100", "ISO_2022_IR_87 " → "ISO IR 100", "ISO 2022 IR 87".
QByteArray normalisedTerm(QByteArrayView term)
{
    QByteArray out = term.toByteArray().toUpper();
    out.replace('_', ' ').replace('-', ' ');
    return out.simplified();
}

const IsoIrTerm *isoIrTerm(QByteArrayView number)
{
    for (const IsoIrTerm &t : kIsoIrTerms) {
        if (number == QByteArrayView(t.number))
            return &t;
    }
    return nullptr;
}

bool isDelimiter(uchar b, CharsetDecoder::Vr vr)
{
    switch (b) {
    case '\\':
    case '\r':
    case '\n':
    case '\t':
    case '\f':
        return true;
    case '^':
    case '=':
        return vr == CharsetDecoder::Vr::PersonName;
    default:
        return false;
    }
}

QByteArrayView trimmedTerm(QByteArrayView term)
{
    while (!term.isEmpty() && (term.front() == ' ' || term.front() == '\0'))
        term = term.sliced(1);
    while (!term.isEmpty() && (term.back() == ' ' || term.back() == '\0'))
        term.chop(1);
    return term;
}

QList<QByteArrayView> splitTerms(QByteArrayView value)
{
    QList<QByteArrayView> terms;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == '\\') {
            terms << trimmedTerm(value.sliced(start, i - start));
            start = i + 1;
        }
    }
    return terms;
}

} // namespace

CharsetDecoder::CharsetDecoder(QByteArrayView specificCharacterSet)
{
    const QByteArrayView whole = trimmedTerm(specificCharacterSet);
    // The common cases, without parsing.
    if (whole.isEmpty() || whole == QByteArrayView("ISO_IR 100") || whole == QByteArrayView("ISO_IR 6"))
        return;
    if (whole == QByteArrayView("ISO_IR 192")) {
        m_initial.g1 = Codec::Utf8;
        return;
    }

    const QList<QByteArrayView> terms = splitTerms(whole);
    m_iso2022 = terms.size() > 1;
    for (qsizetype i = 0; i < terms.size(); ++i) {
        const bool first = i == 0;
        const QByteArray term = normalisedTerm(terms[i]);
        if (term.isEmpty())
            continue; // value 1 empty: the default repertoire
        const IsoIrTerm *known = nullptr;
        bool extension = false;
        bool standAlone = false;
        Codec codec = Codec::Latin1;
        if (term.startsWith("ISO 2022 IR ")) {
            known = isoIrTerm(QByteArrayView(term).sliced(12));
            extension = true;
        } else if (term.startsWith("ISO IR ")) {
            known = isoIrTerm(QByteArrayView(term).sliced(7));
            if (known && !known->plainTerm && !m_iso2022)
                known = nullptr;
        }
        if (known) {
            codec = known->codec;
            standAlone = known->standAlone;
            if (standAlone && extension)
                known = nullptr; // there is no "ISO 2022 IR 192"
        } else if (term == "GB18030" || term == "GBK" || term == "ISO 2022 GBK" || term == "ISO 2022 58") {
            // The last two are not DICOM terms; pydicom reads them as GBK and GB2312.
            codec = term == "GB18030" ? Codec::Gb18030 : term == "ISO 2022 58" ? Codec::Gb2312 : Codec::Gbk;
            standAlone = true;
        }
        const bool recognised = known || standAlone;
        if (!recognised && first && !m_iso2022) {
            // Like pydicom, accept a codec name ("latin1", "utf-8") in place of a defined term.
            const QByteArray name = terms[i].toByteArray();
            if (QStringDecoder(name.constData()).isValid()) {
                m_namedCodec = name;
                m_initial.g1 = Codec::Named;
                return;
            }
        }
        if (!recognised) {
            m_known = false;
            m_unknownTerms += (m_unknownTerms.isEmpty() ? QString() : QStringLiteral(", "))
                + QString::fromLatin1(terms[i].toByteArray());
            continue;
        }
        if (standAlone) {
            if (first) { // ISO_IR 192, GB18030 and GBK allow no code extensions: ignore the other values
                m_iso2022 = false;
                m_initial.g1 = codec;
                return;
            }
            continue; // and cannot be one
        }
        if (extension)
            m_iso2022 = true;
        if (first && !known->twoByteG0)
            m_initial.g1 = codec;
    }
}

CharsetDecoder::~CharsetDecoder() = default;
CharsetDecoder::CharsetDecoder(CharsetDecoder &&) noexcept = default;
CharsetDecoder &CharsetDecoder::operator=(CharsetDecoder &&) noexcept = default;

QString CharsetDecoder::decode(QByteArrayView raw, Vr vr) const
{
    if (raw.isEmpty())
        return {};
    if (!m_iso2022 || !raw.contains(kEsc))
        return decodeRun(m_initial.g1, raw);
    return decodeIso2022(raw, vr);
}

QString CharsetDecoder::decodeIso2022(QByteArrayView raw, Vr vr) const
{
    QString out;
    State state = m_initial;
    Codec runCodec = state.g1;
    qsizetype runStart = 0;
    auto switchRun = [&](qsizetype at, Codec codec) {
        if (codec == runCodec)
            return;
        if (at > runStart)
            out += decodeRun(runCodec, raw.sliced(runStart, at - runStart));
        runCodec = codec;
        runStart = at;
    };

    qsizetype i = 0;
    while (i < raw.size()) {
        const auto b = static_cast<uchar>(raw[i]);
        if (b == static_cast<uchar>(kEsc)) {
            if (const Escape *e = matchEscape(raw.sliced(i))) {
                switchRun(i, Codec::Count); // the escape sequence itself is not text
                (e->g0 ? state.g0 : state.g1) = e->codec;
                i += qstrlen(e->bytes);
                runStart = i;
                continue;
            }
        }
        if (state.g0 != Codec::Latin1 && b >= 0x21 && b <= 0x7e) {
            // A two-byte character of JIS X 0208/0212: its bytes may look like '^', '=' or '\'.
            switchRun(i, state.g0);
            i = std::min(i + 2, raw.size());
            continue;
        }
        if (isDelimiter(b, vr) && !(state == m_initial)) {
            // PS3.5 §6.1.2.5.3: the initial set is active again at every delimiter.
            state = m_initial;
        }
        switchRun(i, state.g1);
        ++i;
    }
    switchRun(raw.size(), Codec::Count);
    return out;
}

QString CharsetDecoder::decodeRun(Codec codec, QByteArrayView bytes) const
{
    switch (codec) {
    case Codec::Latin1:
        return QString::fromLatin1(bytes);
    case Codec::Utf8: {
        QStringDecoder &utf8 = converter(Codec::Utf8);
        utf8.resetState();
        QString text = utf8.decode(bytes);
        m_hadErrors = m_hadErrors || utf8.hasError();
        return text;
    }
    case Codec::Count:
        return {};
    default:
        break;
    }

    QStringDecoder &decoder = converter(codec);
    decoder.resetState();
    QString text;
    if (codec == Codec::Jis0208 || codec == Codec::Jis0212) {
        // ICU decodes JIS X 0208/0212 only inside ISO-2022-JP escapes; give it the two-byte characters so.
        QByteArray wrapped(codec == Codec::Jis0208 ? "\x1b$B" : "\x1b$(D");
        wrapped.append(bytes.data(), bytes.size()).append("\x1b(B");
        text = decoder.decode(wrapped);
    } else {
        text = decoder.decode(bytes);
    }
    m_hadErrors = m_hadErrors || decoder.hasError();
    const std::span<const Fixup> fixups = fixupsOf(codec);
    if (!fixups.empty()) {
        for (QChar &c : text) {
            const auto it
                = std::find_if(fixups.begin(), fixups.end(), [&](const Fixup &f) { return f.icu == c.unicode(); });
            if (it != fixups.end())
                c = QChar(it->standard);
        }
    }
    return text;
}

QStringDecoder &CharsetDecoder::converter(Codec codec) const
{
    std::unique_ptr<QStringDecoder> &slot = m_converters[static_cast<size_t>(codec)];
    if (!slot) {
        const char *name = codec == Codec::Named ? m_namedCodec.constData() : kIcuNames[static_cast<size_t>(codec)];
        slot = std::make_unique<QStringDecoder>(name, QStringDecoder::Flag::ConvertInitialBom);
    }
    return *slot;
}

} // namespace lightbox

#pragma once

#include <QByteArrayView>
#include <QString>

#include <array>
#include <memory>

class QStringDecoder;

namespace lightbox {

/// Decodes the text of a DICOM data set to Unicode following its Specific Character Set (0008,0005):
/// the default repertoire, the ISO 8859 sets, Thai, JIS X 0201, UTF-8, GB18030 and GBK, and ISO 2022 code
/// extensions with escape sequences (JIS X 0208 and 0212, KS X 1001, GB2312) as PS3.5 §6.1.2.5 describes them.
///
/// It decodes like pydicom: misspelled defined terms ("ISO IR 100", "ISO_2022_IR_87") are read as the term
/// meant, an unknown term or an empty value means the default repertoire with bytes above 0x7F read as
/// Latin-1, and the stand-alone sets (ISO_IR 192, GB18030, GBK) ignore any code extensions. Code points
/// follow the Unicode JIS tables as Python does (1-33 is U+301C WAVE DASH, not U+FF5E). Where pydicom 2.3
/// is wrong (it keeps the escape sequence of ISO 2022 IR 58 in the text), this follows the standard.
///
/// Latin-1 (ISO_IR 100), UTF-8 (ISO_IR 192) and the default need no codec and no set-up; other sets open
/// an ICU converter the first time a value needs it. Not thread-safe: use one decoder per data set.
class CharsetDecoder
{
public:
    /// How delimiters reset the character set to the initial one (PS3.5 §6.1.2.5.3).
    enum class Vr {
        Text, ///< SH, LO, ST, LT, UT, UC: reset at CR, LF, FF, TAB and the value separator '\'.
        PersonName ///< PN: also at the component '^' and component group '=' delimiters.
    };

    /// @param specificCharacterSet the raw value of (0008,0005), values separated by '\'; empty for the
    ///        default repertoire.
    explicit CharsetDecoder(QByteArrayView specificCharacterSet = {});
    ~CharsetDecoder();
    CharsetDecoder(CharsetDecoder &&) noexcept;
    CharsetDecoder &operator=(CharsetDecoder &&) noexcept;

    /// Decodes one element value as stored (all its values with their '\' separators, padding kept).
    /// @return the text; bytes that do not decode become U+FFFD.
    QString decode(QByteArrayView raw, Vr vr) const;

    /// False when a value of the Specific Character Set was not recognised (the default was used instead)
    /// or when a decoded value held bytes invalid in its character set.
    bool ok() const { return m_known && !m_hadErrors; }

    /// The Specific Character Set values that were not recognised, for a log line.
    QString unknownTerms() const { return m_unknownTerms; }

    /// The character sets a decoder switches between. Internal, public only for the tables in the .cpp.
    enum class Codec : quint8 {
        Latin1,
        Utf8,
        Latin2,
        Latin3,
        Latin4,
        Cyrillic,
        Arabic,
        Greek,
        Hebrew,
        Latin5,
        Latin9,
        Thai,
        ShiftJis,
        Jis0208,
        Jis0212,
        Korean,
        Gb2312,
        Gb18030,
        Gbk,
        Named, ///< an ICU converter named by an unrecognised Specific Character Set value
        Count
    };

private:
    struct State
    {
        Codec g0 = Codec::Latin1; ///< Latin1 (ASCII or JIS X 0201 Roman) or a two-byte set
        Codec g1 = Codec::Latin1; ///< the set for bytes 0xA0..0xFF (and the whole value when not ISO 2022)
        bool operator==(const State &) const = default;
    };

    QString decodeIso2022(QByteArrayView raw, Vr vr) const;
    QString decodeRun(Codec codec, QByteArrayView bytes) const;
    QStringDecoder &converter(Codec codec) const;

    bool m_iso2022 = false; ///< false: the whole value is in m_initial.g1
    State m_initial;
    bool m_known = true;
    mutable bool m_hadErrors = false;
    QString m_unknownTerms;
    QByteArray m_namedCodec;
    mutable std::array<std::unique_ptr<QStringDecoder>, static_cast<size_t>(Codec::Count)> m_converters;
};

} // namespace lightbox

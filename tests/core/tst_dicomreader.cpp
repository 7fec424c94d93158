// DicomFileReader against pydicom: every charset file indexes the text pydicom decodes, every pydicom test
// file gives the same UIDs, modality, geometry and transfer syntax, and malformed files never crash it.

#include "core/dicom/DicomFileReader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;

namespace {

/// The text attributes both sides report, keyed like InstanceMetadata's fields.
const QStringList &textKeys()
{
    static const QStringList keys {
        QStringLiteral("patientId"),
        QStringLiteral("patientName"),
        QStringLiteral("patientBirthDate"),
        QStringLiteral("patientSex"),
        QStringLiteral("studyInstanceUid"),
        QStringLiteral("studyDate"),
        QStringLiteral("studyTime"),
        QStringLiteral("studyId"),
        QStringLiteral("accessionNumber"),
        QStringLiteral("studyDescription"),
        QStringLiteral("referringPhysicianName"),
        QStringLiteral("seriesInstanceUid"),
        QStringLiteral("modality"),
        QStringLiteral("seriesNumber"),
        QStringLiteral("seriesDescription"),
        QStringLiteral("bodyPartExamined"),
        QStringLiteral("sopClassUid"),
        QStringLiteral("sopInstanceUid"),
        QStringLiteral("instanceNumber"),
        QStringLiteral("specificCharacterSet"),
        QStringLiteral("transferSyntaxUid"),
    };
    return keys;
}

const QStringList &identityKeys()
{
    static const QStringList keys {
        QStringLiteral("sopClassUid"),
        QStringLiteral("sopInstanceUid"),
        QStringLiteral("studyInstanceUid"),
        QStringLiteral("seriesInstanceUid"),
        QStringLiteral("modality"),
        QStringLiteral("transferSyntaxUid"),
        QStringLiteral("rows"),
        QStringLiteral("columns"),
        QStringLiteral("numberOfFrames"),
    };
    return keys;
}

QJsonValue valueOf(const InstanceMetadata &m, const QString &key)
{
    static const QHash<QString, QString InstanceMetadata::*> text {
        {QStringLiteral("patientId"), &InstanceMetadata::patientId},
        {QStringLiteral("patientName"), &InstanceMetadata::patientName},
        {QStringLiteral("patientBirthDate"), &InstanceMetadata::patientBirthDate},
        {QStringLiteral("patientSex"), &InstanceMetadata::patientSex},
        {QStringLiteral("studyInstanceUid"), &InstanceMetadata::studyInstanceUid},
        {QStringLiteral("studyDate"), &InstanceMetadata::studyDate},
        {QStringLiteral("studyTime"), &InstanceMetadata::studyTime},
        {QStringLiteral("studyId"), &InstanceMetadata::studyId},
        {QStringLiteral("accessionNumber"), &InstanceMetadata::accessionNumber},
        {QStringLiteral("studyDescription"), &InstanceMetadata::studyDescription},
        {QStringLiteral("referringPhysicianName"), &InstanceMetadata::referringPhysicianName},
        {QStringLiteral("seriesInstanceUid"), &InstanceMetadata::seriesInstanceUid},
        {QStringLiteral("modality"), &InstanceMetadata::modality},
        {QStringLiteral("seriesNumber"), &InstanceMetadata::seriesNumber},
        {QStringLiteral("seriesDescription"), &InstanceMetadata::seriesDescription},
        {QStringLiteral("bodyPartExamined"), &InstanceMetadata::bodyPartExamined},
        {QStringLiteral("sopClassUid"), &InstanceMetadata::sopClassUid},
        {QStringLiteral("sopInstanceUid"), &InstanceMetadata::sopInstanceUid},
        {QStringLiteral("instanceNumber"), &InstanceMetadata::instanceNumber},
        {QStringLiteral("specificCharacterSet"), &InstanceMetadata::specificCharacterSet},
        {QStringLiteral("transferSyntaxUid"), &InstanceMetadata::transferSyntaxUid},
    };
    static const QHash<QString, int InstanceMetadata::*> numbers {
        {QStringLiteral("rows"), &InstanceMetadata::rows},
        {QStringLiteral("columns"), &InstanceMetadata::columns},
        {QStringLiteral("numberOfFrames"), &InstanceMetadata::numberOfFrames},
    };
    if (const auto it = text.constFind(key); it != text.constEnd())
        return m.*(it.value());
    return m.*(numbers.value(key));
}

/// Shows a string with its code points, so a mismatch in invisible characters (ESC, NUL, spaces) is readable.
QString show(const QJsonValue &v)
{
    if (!v.isString())
        return QString::number(v.toInteger());
    QString hex;
    for (const char32_t c : v.toString().toUcs4())
        hex += QString::number(c, 16) + QLatin1Char(' ');
    return QStringLiteral("\"%1\" [%2]").arg(v.toString(), hex.trimmed());
}

/// Every key of @p keys where the reader differs from pydicom, as "key: reader X, pydicom Y" lines.
QStringList mismatches(const InstanceMetadata &m, const QJsonObject &expected, const QStringList &keys)
{
    QStringList out;
    for (const QString &key : keys) {
        if (!expected.contains(key))
            continue; // pydicom could not convert this value itself (named in attributeErrors)
        const QJsonValue want = expected.value(key);
        const QJsonValue got = valueOf(m, key);
        const bool same = want.isString() ? got.toString() == want.toString() : got.toInteger() == want.toInteger();
        if (!same)
            out << QStringLiteral("  %1: reader %2, pydicom %3").arg(key, show(got), show(want));
    }
    return out;
}

// Writes a small Part 10 file (explicit VR little endian) with raw text bytes, for charset spellings that no
// pydicom file carries.
QByteArray le16(quint16 v)
{
    QByteArray out(2, '\0');
    out[0] = static_cast<char>(v & 0xff);
    out[1] = static_cast<char>(v >> 8);
    return out;
}

QByteArray le32(quint32 v)
{
    return le16(static_cast<quint16>(v & 0xffff)) + le16(static_cast<quint16>(v >> 16));
}

QByteArray element(quint16 group, quint16 elem, const char *vr, QByteArray value)
{
    if (value.size() % 2)
        value.append(qstrcmp(vr, "UI") == 0 ? '\0' : ' ');
    return le16(group) + le16(elem) + QByteArray(vr) + le16(static_cast<quint16>(value.size())) + value;
}

bool writeSynthetic(const QString &path, const QByteArray &charset, const QByteArray &name, const QByteArray &text,
                    int serial)
{
    const QByteArray sopClass("1.2.840.10008.5.1.4.1.1.7");
    const QByteArray sop = "1.2.826.0.1.3680043.10.1420.1." + QByteArray::number(serial);
    QByteArray meta
        = le16(0x0002) + le16(0x0001) + QByteArray("OB") + QByteArray(2, '\0') + le32(2) + QByteArray("\0\1", 2);
    meta += element(0x0002, 0x0002, "UI", sopClass) + element(0x0002, 0x0003, "UI", sop)
        + element(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
    QByteArray data = QByteArray(128, '\0') + "DICM" + le16(0x0002) + le16(0x0000) + "UL" + le16(4)
        + le32(static_cast<quint32>(meta.size())) + meta;
    data += element(0x0008, 0x0005, "CS", charset) + element(0x0008, 0x0016, "UI", sopClass)
        + element(0x0008, 0x0018, "UI", sop) + element(0x0008, 0x0060, "CS", "OT") + element(0x0008, 0x1030, "LO", text)
        + element(0x0010, 0x0010, "PN", name) + element(0x0010, 0x0020, "LO", "SYN" + QByteArray::number(serial))
        + element(0x0020, 0x000d, "UI", sop + ".1") + element(0x0020, 0x000e, "UI", sop + ".2");
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

struct Synthetic
{
    const char *file;
    QByteArray charset;
    QByteArray name;
    QByteArray text;
};

QList<Synthetic> synthetics()
{
    return {
        {"misspelledLatin1", "ISO IR 100", "Buc^J\xe9r\xf4me", "Th\xe9orie"},
        {"hyphenCyrillic", "ISO-IR 144", "\xbb\xee\xda\xd5\xdc\xd1\xe3\xe0\xd3", "\xbb\xee\xda"},
        {"emptyCharsetHighBytes", "", "M\xfcller^J\xfcrgen", "\xc4rger"},
        {"unknownCharset", "KLINGON", "M\xfcller", "x\xe9"},
        {"underscore2022", "\\ISO_2022_IR_87", "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B", "\x1b$B$?$m$&\x1b(B"},
        {"jisX0212", "\\ISO 2022 IR 159", "\x1b$(D\x30\x21\x30\x22\x1b(B^Tarou", "\x1b$(D\x30\x21\x1b(B x"},
        {"jisX0208AndX0212", "\\ISO 2022 IR 87\\ISO 2022 IR 159", "\x1b$B;3ED\x1b(B^\x1b$(D\x30\x21\x1b(B",
         "\x1b$B!A!]!B!@\x1b(B"},
        {"latinWithGreekExtension", "ISO 2022 IR 100\\ISO 2022 IR 126", "Jos\xe9^\x1b-F\xc4\xe9\xef\x1b-A",
         "Caf\xe9 \x1b-F\xe1\xe2\xe3\x1b-A"},
        {"thai", "ISO_IR 166", "\xca\xc1\xa4\xc3^\xbb\xd2", "\xb7\xb4\xca\xcd\xba"},
        {"turkish", "ISO_IR 148", "\xdd\xfe\xf0\xfd^\xde", "\xd0\xfe"},
        {"gbk", "GBK", "Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab", "\x81\x40"},
        {"utf8WithIllegalExtension", "ISO_IR 192\\ISO 2022 IR 87", "Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f",
         "\xe7\x8e\x8b"},
        {"koreanFirstValue", "ISO 2022 IR 149", "\xb1\xe8\xc8\xf1\xc1\xdf", "\xb1\xe8"},
        {"multiValuedNames", "\\ISO 2022 IR 87", "\x1b$B;3ED\x1b(B\\Yamada", "a\\\x1b$B$?\x1b(B"},
    };
}

} // namespace

class TestDicomReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void charsetFile_indexesPydicomText_data();
    void charsetFile_indexesPydicomText();

    void charsetSpelling_indexesPydicomText_data();
    void charsetSpelling_indexesPydicomText();

    void knownNames_areDecoded_data();
    void knownNames_areDecoded();

    void isoIr58_decodesGb2312();

    void testFile_matchesPydicom_data();
    void testFile_matchesPydicom();

    void looksLikeDicom_acceptsWhatIsReadableAndRejectsOtherFiles();

private:
    QStringList m_charsetFiles;
    QStringList m_testFiles;
    QTemporaryDir m_synthetic;
    QHash<QString, QJsonObject> m_expected;
};

void TestDicomReader::initTestCase()
{
    const QDir charsets(test::pydicomCharsetFiles());
    for (const QString &f : charsets.entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        m_charsetFiles << charsets.filePath(f);
    QCOMPARE(m_charsetFiles.size(), 17);
    const QDir tests(test::pydicomTestFiles());
    for (const QString &f : tests.entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        m_testFiles << tests.filePath(f);
    QVERIFY2(m_testFiles.size() >= 60, qPrintable(QString::number(m_testFiles.size())));

    QVERIFY(m_synthetic.isValid());
    QStringList synthetic;
    int serial = 1;
    for (const Synthetic &s : synthetics()) {
        const QString path = m_synthetic.filePath(QString::fromLatin1(s.file) + QStringLiteral(".dcm"));
        QVERIFY(writeSynthetic(path, s.charset, s.name, s.text, serial++));
        synthetic << path;
    }

    const QString script = test::sourceDir() + QStringLiteral("/tests/tools/pydicom_expect.py");
    QVERIFY2(QFile::exists(script), qPrintable(script));
    const test::ToolResult r
        = test::run(test::python(), QStringList {script} + m_charsetFiles + m_testFiles + synthetic);
    QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.all()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &parseError);
    QVERIFY2(doc.isArray(), qPrintable(parseError.errorString()));
    for (const QJsonValue &v : doc.array())
        m_expected.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject());
    QCOMPARE(m_expected.size(), m_charsetFiles.size() + m_testFiles.size() + synthetic.size());

    // Guard against a vacuous pass: pydicom must have decoded real non-ASCII names from the charset files.
    int nonAscii = 0;
    for (const QString &f : std::as_const(m_charsetFiles)) {
        const QString name = m_expected.value(f).value(QStringLiteral("patientName")).toString();
        if (std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() > 127; }))
            ++nonAscii;
    }
    QVERIFY2(nonAscii >= 13, qPrintable(QString::number(nonAscii)));
}

void TestDicomReader::charsetFile_indexesPydicomText_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &f : std::as_const(m_charsetFiles))
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestDicomReader::charsetFile_indexesPydicomText()
{
    QFETCH(QString, path);
    const QJsonObject expected = m_expected.value(path);
    QVERIFY2(!expected.contains(QStringLiteral("error")),
             qPrintable(path + QStringLiteral(": pydicom: ") + expected.value(QStringLiteral("error")).toString()));
    QString error;
    const auto m = DicomFileReader::readMetadata(path, &error);
    QVERIFY2(m, qPrintable(path + QStringLiteral(": ") + error));
    const QStringList diff = mismatches(*m, expected, textKeys() + identityKeys());
    QVERIFY2(diff.isEmpty(), qPrintable(path + QStringLiteral(" differs from pydicom:\n") + diff.join(u'\n')));
    QVERIFY2(m->charsetConverted, qPrintable(path));
}

void TestDicomReader::charsetSpelling_indexesPydicomText_data()
{
    QTest::addColumn<QString>("path");
    for (const Synthetic &s : synthetics())
        QTest::newRow(s.file) << m_synthetic.filePath(QString::fromLatin1(s.file) + QStringLiteral(".dcm"));
}

void TestDicomReader::charsetSpelling_indexesPydicomText()
{
    QFETCH(QString, path);
    const QJsonObject expected = m_expected.value(path);
    QVERIFY2(!expected.contains(QStringLiteral("error")), qPrintable(path));
    QString error;
    const auto m = DicomFileReader::readMetadata(path, &error);
    QVERIFY2(m, qPrintable(path + QStringLiteral(": ") + error));
    const QStringList diff = mismatches(*m, expected, textKeys() + identityKeys());
    QVERIFY2(diff.isEmpty(), qPrintable(path + QStringLiteral(" differs from pydicom:\n") + diff.join(u'\n')));
}

void TestDicomReader::knownNames_areDecoded_data()
{
    // Fixed literals, independent of the pydicom script: if both sides went wrong the same way, this fails.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::newRow("japanese") << QStringLiteral("chrH31.dcm") << QStringLiteral("Yamada^Tarou=山田^太郎=やまだ^たろう");
    QTest::newRow("japaneseKatakana") << QStringLiteral("chrH32.dcm")
                                      << QStringLiteral("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    QTest::newRow("korean") << QStringLiteral("chrI2.dcm") << QStringLiteral("Hong^Gildong=洪^吉洞=홍^길동");
    QTest::newRow("utf8") << QStringLiteral("chrX1.dcm") << QStringLiteral("Wang^XiaoDong=王^小東");
    QTest::newRow("gb18030") << QStringLiteral("chrX2.dcm") << QStringLiteral("Wang^XiaoDong=王^小东");
    QTest::newRow("greek") << QStringLiteral("chrGreek.dcm") << QStringLiteral("Διονυσιος");
    QTest::newRow("hebrew") << QStringLiteral("chrHbrw.dcm") << QStringLiteral("שרון^דבורה");
    QTest::newRow("arabic") << QStringLiteral("chrArab.dcm") << QStringLiteral("قباني^لنزار");
}

void TestDicomReader::knownNames_areDecoded()
{
    QFETCH(QString, file);
    QFETCH(QString, name);
    const auto m = DicomFileReader::readMetadata(test::pydicomCharsetFiles() + QLatin1Char('/') + file);
    QVERIFY(m);
    QCOMPARE(m->patientName, name);
}

void TestDicomReader::isoIr58_decodesGb2312()
{
    // pydicom 2.3 keeps the escape sequence of ISO 2022 IR 58 in its output, so this one is checked against the
    // standard (PS3.5 Annex K) rather than against pydicom.
    const QString path = m_synthetic.filePath(QStringLiteral("isoIr58.dcm"));
    QVERIFY(writeSynthetic(path, "\\ISO 2022 IR 58",
                           "Wang^XiaoDong=\x1b$)A\xcd\xf5^\x1b$)A\xd0\xa1\xb6\xab=", "\x1b$)A\xd6\xd0\xce\xc4", 99));
    const auto m = DicomFileReader::readMetadata(path);
    QVERIFY(m);
    QCOMPARE(m->patientName, QStringLiteral("Wang^XiaoDong=王^小东"));
    QCOMPARE(m->studyDescription, QStringLiteral("中文"));
    QVERIFY(m->charsetConverted);
}

void TestDicomReader::testFile_matchesPydicom_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &f : std::as_const(m_testFiles))
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestDicomReader::testFile_matchesPydicom()
{
    QFETCH(QString, path);
    const QJsonObject expected = m_expected.value(path);
    QString error;
    const auto m = DicomFileReader::readMetadata(path, &error); // must not crash, whatever the file holds
    if (expected.contains(QStringLiteral("error"))) {
        qInfo().noquote() << QFileInfo(path).fileName() << "is unreadable for pydicom ("
                          << expected.value(QStringLiteral("error")).toString()
                          << "); reader:" << (m ? QStringLiteral("read it") : error);
        return;
    }
    QVERIFY2(m, qPrintable(path + QStringLiteral(": ") + error));
    const QStringList diff = mismatches(*m, expected, textKeys() + identityKeys());
    QVERIFY2(diff.isEmpty(), qPrintable(path + QStringLiteral(" differs from pydicom:\n") + diff.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestDicomReader)
void TestDicomReader::looksLikeDicom_acceptsWhatIsReadableAndRejectsOtherFiles()
{
    // Every pydicom test file DCMTK can read passes the quick look (zipMR.gz too: DCMTK reads a gzipped file);
    // its text and JSON files do not.
    int readable = 0;
    int others = 0;
    QDirIterator it(test::pydicomTestFiles(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (DicomFileReader::readMetadata(file)) {
            ++readable;
            QVERIFY2(DicomFileReader::looksLikeDicom(file), qPrintable(file));
        }
        const QString suffix = QFileInfo(file).suffix().toLower();
        if (suffix == "txt" || suffix == "json" || suffix == "dump" || QFileInfo(file).fileName() == "README") {
            ++others;
            QVERIFY2(!DicomFileReader::looksLikeDicom(file), qPrintable(file));
        }
    }
    QVERIFY2(readable > 50, qPrintable(QString::number(readable)));
    QVERIFY2(others >= 5, qPrintable(QString::number(others)));

    // A bare dataset (no preamble, no meta header), as old CDs hold them: accepted, and readable.
    const QString bare = m_synthetic.filePath("bare.dcm");
    const test::ToolResult made = test::run("dcmconv", {"-F", "+te", test::pydicomTestFiles() + "/CT_small.dcm", bare});
    QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
    QFile head(bare);
    QVERIFY(head.open(QIODevice::ReadOnly));
    QVERIFY(head.read(132).mid(128, 4) != "DICM");
    head.close();
    QVERIFY(DicomFileReader::looksLikeDicom(bare));
    QVERIFY(DicomFileReader::readMetadata(bare));

    // A sparse bare dataset whose first element is the patient's name (group 0010) is accepted too.
    const QString sparse = m_synthetic.filePath("sparse.dcm");
    {
        QFile f(sparse);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray name("Sparse^Test");
        f.write(QByteArray("\x10\x00\x10\x00PN", 6) + char(name.size() + 1) + '\0' + name + ' ');
    }
    QVERIFY(DicomFileReader::looksLikeDicom(sparse));

    // Pictures and documents a CD also carries.
    const QString png = m_synthetic.filePath("report.png");
    {
        QFile f(png);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02", 26));
    }
    QVERIFY(!DicomFileReader::looksLikeDicom(png));
    const QString pdf = m_synthetic.filePath("report.pdf");
    {
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n");
    }
    QVERIFY(!DicomFileReader::looksLikeDicom(pdf));

    // Empty, short and missing files.
    const QString empty = m_synthetic.filePath("empty");
    QFile(empty).open(QIODevice::WriteOnly);
    QVERIFY(!DicomFileReader::looksLikeDicom(empty));
    QVERIFY(!DicomFileReader::looksLikeDicom(m_synthetic.filePath("missing.dcm")));
}

#include "tst_dicomreader.moc"

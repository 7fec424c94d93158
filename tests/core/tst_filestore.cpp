#include "core/storage/FileStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;

namespace {

QString writeTemp(const QString &dir, const QByteArray &content)
{
    static int n = 0;
    const QString path = dir + QStringLiteral("/t%1.part").arg(++n);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

} // namespace

class TestFileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileName_isAHash_neverTheUid_data()
    {
        QTest::addColumn<QString>("uid");
        QTest::newRow("normal") << "1.2.840.113619.2.55.3.604688119.969.1268071029.320";
        QTest::newRow("traversal") << "../../x";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("backslashes") << "..\\..\\windows";
        QTest::newRow("control characters") << QStringLiteral("1.2\n3\t\x01");
        QTest::newRow("long") << QString(200, QLatin1Char('9'));
    }

    void fileName_isAHash_neverTheUid()
    {
        QFETCH(QString, uid);
        const QString rel = FileStore::relativePathFor(uid);
        QVERIFY(!rel.contains(QLatin1String("..")));
        QVERIFY(!rel.startsWith(QLatin1Char('/')));
        QVERIFY(!rel.contains(uid));
        static const QRegularExpression shape(QStringLiteral("^[0-9a-f]{2}/[0-9a-f]{40}\\.dcm$"));
        QVERIFY2(shape.match(rel).hasMatch(), qPrintable(rel));
    }

    void commit_movesTheFileIntoStorage_andKeepsNothingInIncoming()
    {
        QTemporaryDir root;
        QDir().mkpath(root.path() + QStringLiteral("/incoming"));
        FileStore store(root.path() + QStringLiteral("/files"));
        const QString temp = writeTemp(root.path() + QStringLiteral("/incoming"), "DICM-bytes");
        const auto r = store.commit(temp, QStringLiteral("../../x"));
        QVERIFY(r.ok());
        QVERIFY(r.created);
        QVERIFY(!QFile::exists(temp));
        QFile stored(store.absolutePath(r.path));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), QByteArray("DICM-bytes"));
        // Nothing escaped the storage root.
        QVERIFY(QFileInfo(store.absolutePath(r.path))
                    .canonicalFilePath()
                    .startsWith(QFileInfo(store.filesDir()).canonicalFilePath() + QLatin1Char('/')));
        QVERIFY(!QFile::exists(root.path() + QStringLiteral("/x")));
    }

    void secondCommit_ofTheSameUid_keepsTheFirstFile()
    {
        QTemporaryDir root;
        FileStore store(root.path() + QStringLiteral("/files"));
        const auto first = store.commit(writeTemp(root.path(), "first"), QStringLiteral("1.2.3"));
        const QString secondTemp = writeTemp(root.path(), "second");
        const auto second = store.commit(secondTemp, QStringLiteral("1.2.3"));
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first.created);
        QVERIFY(!second.created);
        QCOMPARE(first.path, second.path);
        QVERIFY(!QFile::exists(secondTemp));
        QFile f(store.absolutePath(first.path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("first"));
        int files = 0;
        for (QDirIterator it(store.filesDir(), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 1);
    }

    void commit_ofAMissingTempFile_failsWithAReason()
    {
        QTemporaryDir root;
        FileStore store(root.path() + QStringLiteral("/files"));
        const auto r = store.commit(root.path() + QStringLiteral("/nope.part"), QStringLiteral("1.2.3"));
        QVERIFY(!r.ok());
        QVERIFY(!r.message.isEmpty());
    }

    void remove_deletesTheFile()
    {
        QTemporaryDir root;
        FileStore store(root.path() + QStringLiteral("/files"));
        const auto r = store.commit(writeTemp(root.path(), "x"), QStringLiteral("1.2.4"));
        QVERIFY(QFile::exists(store.absolutePath(r.path)));
        QVERIFY(store.remove(r.path));
        QVERIFY(!QFile::exists(store.absolutePath(r.path)));
    }
};

QTEST_GUILESS_MAIN(TestFileStore)
#include "tst_filestore.moc"

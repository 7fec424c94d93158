// DICOM attribute matching of the C-FIND SCP (PS3.4 C.2.2.2): one key against one stored value per row.
#include "core/net/QueryMatcher.h"

#include <QTest>

using namespace lightbox;

class TestQueryMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matching_data()
    {
        QTest::addColumn<quint32>("tag");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<bool>("matches");

        QTest::newRow("universal") << tags::PatientName << ""
                                   << "DOE^JOHN" << true;
        QTest::newRow("lone star is universal") << tags::PatientId << "*"
                                                << "" << true;
        QTest::newRow("single value") << tags::PatientId << "PID1"
                                      << "PID1" << true;
        QTest::newRow("single value, other") << tags::PatientId << "PID1"
                                             << "PID12" << false;
        QTest::newRow("LO is case-sensitive") << tags::PatientId << "pid1"
                                              << "PID1" << false;
        QTest::newRow("PN ignores case") << tags::PatientName << "doe^john"
                                         << "DOE^JOHN" << true;
        QTest::newRow("PN star") << tags::PatientName << "doe*"
                                 << "Doe^Jane" << true;
        QTest::newRow("PN star, no match") << tags::PatientName << "doe*"
                                           << "Smith^Doe" << false;
        QTest::newRow("question mark") << tags::PatientName << "m?ller*"
                                       << "Müller^Jürgen" << true;
        QTest::newRow("question mark is one character") << tags::PatientId << "PID?"
                                                        << "PID10" << false;
        QTest::newRow("regex characters are literal") << tags::StudyDescription << "CT (chest)*"
                                                      << "CT (chest) low" << true;
        QTest::newRow("UID list") << tags::StudyInstanceUid << "1.2.3\\1.2.4"
                                  << "1.2.4" << true;
        QTest::newRow("UID list, none") << tags::StudyInstanceUid << "1.2.3\\1.2.4"
                                        << "1.2.34" << false;
        QTest::newRow("multi-valued stored") << tags::ModalitiesInStudy << "PT"
                                             << "CT\\PT" << true;
        QTest::newRow("multi-valued key and stored") << tags::ModalitiesInStudy << "MR\\PT"
                                                     << "CT\\PT" << true;
        QTest::newRow("modality wildcard") << tags::Modality << "C*"
                                           << "CT" << true;
        QTest::newRow("date closed range") << tags::StudyDate << "20260101-20261231"
                                           << "20260110" << true;
        QTest::newRow("date closed range, before") << tags::StudyDate << "20260101-20261231"
                                                   << "20251231" << false;
        QTest::newRow("date range bounds inclusive") << tags::StudyDate << "20260110-20260110"
                                                     << "20260110" << true;
        QTest::newRow("date open end") << tags::StudyDate << "20260201-"
                                       << "20300101" << true;
        QTest::newRow("date open start") << tags::StudyDate << "-20251231"
                                         << "20260101" << false;
        QTest::newRow("date single") << tags::StudyDate << "20260215"
                                     << "20260215" << true;
        QTest::newRow("date, empty stored") << tags::StudyDate << "20260101-"
                                            << "" << false;
        QTest::newRow("ACR-NEMA date stored") << tags::StudyDate << "20260101-20261231"
                                              << "2026.03.01" << true;
        QTest::newRow("time range, short bounds") << tags::StudyTime << "1000-1100"
                                                  << "105959.123" << true;
        QTest::newRow("time range, upper bound minute") << tags::StudyTime << "1000-1100"
                                                        << "110030" << true;
        QTest::newRow("time range, after") << tags::StudyTime << "1000-1100"
                                           << "110100" << false;
        QTest::newRow("time with colons") << tags::StudyTime << "08:00-09:00"
                                          << "083000" << true;
    }
    void matching()
    {
        QFETCH(quint32, tag);
        QFETCH(QString, key);
        QFETCH(QString, stored);
        QFETCH(bool, matches);
        QueryRequest request;
        request.keys.insert(tag, key);
        QueryRecord record;
        record.insert(tag, stored);
        QCOMPARE(QueryMatcher(request).matches(record), matches);
    }

    void allKeysMustMatch_unknownAttributesDoNotRestrict()
    {
        QueryRequest request;
        request.keys.insert(tags::PatientName, "DOE*");
        request.keys.insert(tags::StudyDate, "20260101-");
        request.keys.insert(0x00081060, "Somebody"); // Name of Physicians Reading Study: not in the record
        QueryRecord record {{tags::PatientName, "Doe^John"}, {tags::StudyDate, "20260110"}};
        QVERIFY(QueryMatcher(request).matches(record));
        record[tags::StudyDate] = "20250110";
        QVERIFY(!QueryMatcher(request).matches(record));
    }

    void dateKeyValidation()
    {
        QVERIFY(QueryMatcher::isValidDateKey("20260101-20261231"));
        QVERIFY(QueryMatcher::isValidDateKey("-20261231"));
        QVERIFY(QueryMatcher::isValidDateKey("20260101-"));
        QVERIFY(QueryMatcher::isValidDateKey("20260101"));
        QVERIFY(!QueryMatcher::isValidDateKey("2026-01-01"));
        QVERIFY(!QueryMatcher::isValidDateKey("yesterday"));
    }
};

QTEST_GUILESS_MAIN(TestQueryMatcher)
#include "tst_querymatcher.moc"

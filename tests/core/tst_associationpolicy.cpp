#include "core/net/AssociationPolicy.h"

#include <QTest>

using namespace lightbox;

class TestAssociationPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anyCalledAe_isAcceptedByDefault()
    {
        const AssociationPolicy policy {NodeSettings {}};
        QCOMPARE(policy.decide(QStringLiteral("CT01"), QStringLiteral("ORTHANC"), QStringLiteral("10.0.0.5")).verdict,
                 AssociationPolicy::Verdict::Accept);
    }

    void strictCalledAe_rejectsOtherTitles_andSaysWhichRule()
    {
        NodeSettings s;
        s.strictCalledAe = true;
        const AssociationPolicy policy(s);
        QCOMPARE(policy.decide(QStringLiteral("CT01"), QStringLiteral("LIGHTBOX"), QStringLiteral("10.0.0.5")).verdict,
                 AssociationPolicy::Verdict::Accept);
        const auto d = policy.decide(QStringLiteral("CT01"), QStringLiteral("ORTHANC"), QStringLiteral("10.0.0.5"));
        QCOMPARE(d.verdict, AssociationPolicy::Verdict::CalledAeNotRecognized);
        QVERIFY2(d.reason.contains(QLatin1String("strict called-AE")), qPrintable(d.reason));
        QVERIFY(d.reason.contains(QLatin1String("ORTHANC")));
    }

    void whitelist_data()
    {
        QTest::addColumn<QString>("callingAe");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("listed AE from its host") << "CT01"
                                                 << "10.0.0.5" << true;
        QTest::newRow("listed AE from another host") << "CT01"
                                                     << "10.0.0.6" << false;
        QTest::newRow("AE listed with any host") << "MR01"
                                                 << "192.168.1.9" << true;
        QTest::newRow("unknown AE") << "XA01"
                                    << "10.0.0.5" << false;
        QTest::newRow("AE matched exactly, not by prefix") << "CT0"
                                                           << "10.0.0.5" << false;
        QTest::newRow("localhost rule matches loopback") << "WS"
                                                         << "127.0.0.1" << true;
    }

    void whitelist()
    {
        QFETCH(QString, callingAe);
        QFETCH(QString, host);
        QFETCH(bool, accepted);
        NodeSettings s;
        s.whitelistEnabled = true;
        s.whitelist = {{QStringLiteral("CT01"), QStringLiteral("10.0.0.5")},
                       {QStringLiteral("MR01"), QStringLiteral("*")},
                       {QStringLiteral("WS"), QStringLiteral("localhost")}};
        const auto d = AssociationPolicy(s).decide(callingAe, QStringLiteral("LIGHTBOX"), host);
        QCOMPARE(d.verdict == AssociationPolicy::Verdict::Accept, accepted);
        if (!accepted) {
            QCOMPARE(d.verdict, AssociationPolicy::Verdict::CallingAeNotRecognized);
            QVERIFY2(d.reason.contains(QLatin1String("whitelist")), qPrintable(d.reason));
            QVERIFY(d.reason.contains(callingAe));
        }
    }
};

QTEST_GUILESS_MAIN(TestAssociationPolicy)
#include "tst_associationpolicy.moc"

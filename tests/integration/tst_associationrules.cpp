// Association rules against a real listener: any called AE by default, the optional strict called-AE check and
// the optional calling-AE whitelist; each refusal carries the DICOM reject reason and a log line naming the rule.
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTest>

using namespace lightbox::test;

namespace {

void writeSettings(const QString &configHome, const QString &nodeSection)
{
    QDir().mkpath(configHome + "/lightbox");
    QFile f(configHome + "/lightbox/lightbox.ini");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(("[node]\n" + nodeSection).toUtf8());
}

ToolResult echo(quint16 port, const QString &callingAe, const QString &calledAe)
{
    return run("echoscu", {"-v", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", QString::number(port)});
}

} // namespace

class TestAssociationRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anyCalledAe_isAcceptedByDefault()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        for (const char *called : {"ORTHANC", "LIGHTBOX", "ANY-SCP", "PACS"})
            QVERIFY2(echo(lightbox.port(), "CT01", QString::fromLatin1(called)).exitCode == 0, called);
        // And a store addressed to an Orthanc's AE title lands.
        const ToolResult r = run(
            "storescu",
            {"-aec", "ORTHANC", "127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/CT_small.dcm"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(lightbox.command({"stats"}).out.contains("\"instances\": 1"));
    }

    void strictCalledAe_rejectsOtherTitles_withTheDicomReason()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start({"--strict-called-ae", "--aet", "WORKSTATION1"}));
        QCOMPARE(echo(lightbox.port(), "CT01", "WORKSTATION1").exitCode, 0);
        const ToolResult refused = echo(lightbox.port(), "CT01", "ORTHANC");
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.all().contains("Called AE Title Not Recognized"), qPrintable(refused.all()));
        QTRY_VERIFY2(lightbox.log().contains("strict called-AE rule"), qPrintable(lightbox.log()));
        QVERIFY(lightbox.log().contains("ORTHANC"));
        // The listener keeps serving.
        QCOMPARE(echo(lightbox.port(), "CT01", "WORKSTATION1").exitCode, 0);
    }

    void whitelist_acceptsListedPairs_andRejectsOthers()
    {
        LightboxProcess lightbox;
        writeSettings(lightbox.configHome(),
                      "whitelistEnabled=true\n"
                      "whitelist\\size=2\n"
                      "whitelist\\1\\aeTitle=CT01\nwhitelist\\1\\host=127.0.0.1\n"
                      "whitelist\\2\\aeTitle=MR01\nwhitelist\\2\\host=10.99.99.99\n");
        lightbox.setProbeAe("CT01"); // the readiness probe must be a listed AE
        QVERIFY2(lightbox.start({"--aet", "LIGHTBOX"}), qPrintable(lightbox.log()));
        QCOMPARE(echo(lightbox.port(), "CT01", "LIGHTBOX").exitCode, 0);
        const ToolResult unknown = echo(lightbox.port(), "XA01", "LIGHTBOX");
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.all().contains("Calling AE Title Not Recognized"), qPrintable(unknown.all()));
        // Listed AE title, but not from its registered host.
        const ToolResult wrongHost = echo(lightbox.port(), "MR01", "LIGHTBOX");
        QVERIFY(wrongHost.exitCode != 0);
        QVERIFY2(wrongHost.all().contains("Calling AE Title Not Recognized"), qPrintable(wrongHost.all()));
        QTRY_VERIFY(lightbox.log().contains("calling-AE whitelist: \"XA01\""));
        QVERIFY(lightbox.log().contains("calling-AE whitelist: \"MR01\""));
        // A refused sender stores nothing; a listed one stores.
        QVERIFY(
            run("storescu",
                {"-aet", "XA01", "127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/CT_small.dcm"})
                .exitCode
            != 0);
        QVERIFY(lightbox.command({"stats"}).out.contains("\"instances\": 0"));
        QCOMPARE(
            run("storescu",
                {"-aet", "CT01", "127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/CT_small.dcm"})
                .exitCode,
            0);
        QVERIFY(lightbox.command({"stats"}).out.contains("\"instances\": 1"));
    }

    void allowFlags_turnTheWhitelistOn()
    {
        LightboxProcess lightbox;
        lightbox.setProbeAe("CT01");
        QVERIFY2(lightbox.start({"--allow", "CT01@127.0.0.1", "--allow", "MR01"}), qPrintable(lightbox.log()));
        QCOMPARE(echo(lightbox.port(), "MR01", "LIGHTBOX").exitCode, 0);
        const ToolResult refused = echo(lightbox.port(), "US01", "LIGHTBOX");
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.all().contains("Calling AE Title Not Recognized"), qPrintable(refused.all()));
        LightboxProcess bad;
        QVERIFY(!bad.start({"--allow", "WAY-TOO-LONG-AE-TITLE"}));
        QVERIFY2(bad.log().contains("longer than 16"), qPrintable(bad.log()));
    }

    void secondLightbox_onTheSameStorage_saysSoAndExits()
    {
        LightboxProcess first;
        QVERIFY(first.start());
        LightboxProcess second;
        second.setStorage(first.storage());
        QVERIFY(!second.start());
        QVERIFY2(second.log().contains("another Lightbox (PID"), qPrintable(second.log()));
        QCOMPARE(echo(first.port(), "CT01", "LIGHTBOX").exitCode, 0);
    }

    void busyPort_isReportedInPlainWords()
    {
        LightboxProcess first;
        QVERIFY(first.start());
        LightboxProcess second;
        second.setPort(first.port());
        QVERIFY(!second.start());
        QVERIFY2(second.log().contains("already in use"), qPrintable(second.log()));
    }
};

QTEST_GUILESS_MAIN(TestAssociationRules)
#include "tst_associationrules.moc"

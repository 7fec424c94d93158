// Study browser query times on a large index, through the real StudyListModel (worker thread included):
// for each filter, the time from setQuery() to the first page being in the model. The peer, timed in the same
// run, is what a browser that copies the whole study table does (one findStudies() of every row).
//   bench_browser INDEX.sqlite [RUNS]
#include "core/index/IndexReader.h"
#include "ui/browser/StudyListModel.h"

#include <QApplication>
#include <QDate>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTextStream>

#include <algorithm>

using namespace lightbox;

namespace {

struct Case
{
    QString name;
    StudyQuery query;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: bench_browser INDEX.sqlite [RUNS]\n";
        return 2;
    }
    const QString index = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 7;
    const QString today = QDate::currentDate().toString(QStringLiteral("yyyyMMdd"));
    auto daysAgo = [](int d) { return QDate::currentDate().addDays(-d).toString(QStringLiteral("yyyyMMdd")); };

    QList<Case> cases;
    auto add = [&cases](const QString &name, auto fill) {
        StudyQuery q;
        fill(q);
        cases.append({name, q});
    };
    add(QStringLiteral("all (study date)"), [](StudyQuery &) {});
    add(QStringLiteral("all, sorted by name"), [](StudyQuery &q) {
        q.sort = StudySort::PatientName;
        q.descending = false;
    });
    add(QStringLiteral("all, sorted by images"), [](StudyQuery &q) { q.sort = StudySort::InstanceCount; });
    add(QStringLiteral("search 'doe'"), [](StudyQuery &q) { q.anyText = QStringLiteral("doe"); });
    add(QStringLiteral("search 'muller ju'"), [](StudyQuery &q) { q.anyText = QStringLiteral("muller ju"); });
    add(QStringLiteral("search 'sm*th'"), [](StudyQuery &q) { q.anyText = QStringLiteral("sm*th"); });
    add(QStringLiteral("search patient ID"), [](StudyQuery &q) { q.anyText = QStringLiteral("P0001234"); });
    add(QStringLiteral("search accession"), [](StudyQuery &q) { q.anyText = QStringLiteral("ACC0012345"); });
    add(QStringLiteral("search 'acc00123*'"), [](StudyQuery &q) { q.anyText = QStringLiteral("acc00123*"); });
    add(QStringLiteral("today"), [&](StudyQuery &q) { q.dateFrom = q.dateTo = today; });
    add(QStringLiteral("last 7 days"), [&](StudyQuery &q) {
        q.dateFrom = daysAgo(6);
        q.dateTo = today;
    });
    add(QStringLiteral("last 30 days"), [&](StudyQuery &q) {
        q.dateFrom = daysAgo(29);
        q.dateTo = today;
    });
    add(QStringLiteral("custom range 2020"), [](StudyQuery &q) {
        q.dateFrom = QStringLiteral("20200101");
        q.dateTo = QStringLiteral("20201231");
    });
    add(QStringLiteral("modality MR"), [](StudyQuery &q) { q.modality = QStringLiteral("MR"); });
    add(QStringLiteral("modality PT"), [](StudyQuery &q) { q.modality = QStringLiteral("PT"); });
    add(QStringLiteral("'doe' + MR + 2020"), [](StudyQuery &q) {
        q.anyText = QStringLiteral("doe");
        q.modality = QStringLiteral("MR");
        q.dateFrom = QStringLiteral("20200101");
        q.dateTo = QStringLiteral("20201231");
    });

    StudyListModel model(index);
    QSignalSpy finished(&model, &StudyListModel::queryFinished);
    IndexReader peer(index);
    QString error;
    if (!peer.open(&error)) {
        out << "cannot open " << index << ": " << error << "\n";
        return 1;
    }

    out << qSetFieldWidth(0) << "filter                      matches   browser_ms   copy_all_ms   ratio\n";
    double worst = 0;
    for (const Case &c : cases) {
        QList<double> ours;
        QList<double> copyAll;
        int total = 0;
        for (int r = 0; r < runs + 1; ++r) {
            if (c.query.sort != StudySort::StudyDate && !model.query().anyText.isEmpty()) {
                finished.clear();
                model.setQuery({});
                if (finished.isEmpty())
                    finished.wait(10000);
            }
            finished.clear();
            QElapsedTimer clock;
            clock.start();
            if (c.query.sort != StudySort::StudyDate)
                model.sort(c.query.sort == StudySort::PatientName ? StudyListModel::PatientName
                                                                  : StudyListModel::InstanceCount,
                           c.query.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
            else
                model.setQuery(c.query);
            if (finished.isEmpty() && !finished.wait(10000))
                return 1;
            const double ms = clock.nsecsElapsed() / 1e6;
            total = model.totalCount();
            QElapsedTimer peerClock;
            peerClock.start();
            StudyQuery everything = c.query;
            everything.limit = 0;
            const qsizetype n = peer.findStudies(everything).size();
            const double peerMs = peerClock.nsecsElapsed() / 1e6;
            Q_UNUSED(n);
            if (r > 0) { // The first run warms the caches.
                ours << ms;
                copyAll << peerMs;
            }
            // Back to a different state, so the next run really queries.
            finished.clear();
            if (c.query.sort != StudySort::StudyDate)
                model.sort(StudyListModel::StudyDate, Qt::DescendingOrder);
            else {
                StudyQuery other;
                other.anyText = QStringLiteral("zzzz-nothing");
                model.setQuery(other);
            }
            if (finished.isEmpty())
                finished.wait(10000);
        }
        const double m = median(ours);
        worst = std::max(worst, m);
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(c.name, -26)
                   .arg(total, 8)
                   .arg(m, 12, 'f', 1)
                   .arg(median(copyAll), 13, 'f', 1)
                   .arg(median(copyAll) / std::max(m, 0.001), 7, 'f', 2);
    }
    out << QStringLiteral("slowest filter: %1 ms (target < 50 ms); ratio = copy-everything time / browser time, "
                          "higher is better\n")
               .arg(worst, 0, 'f', 1);
    return 0;
}

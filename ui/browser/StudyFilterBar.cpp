#include "ui/browser/StudyFilterBar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace lightbox {
namespace {
const char *const kModalities[] = {"CT", "MR", "PT", "NM", "US", "CR", "DX", "MG", "XA", "RF", "OT", "SR", "SC"};
} // namespace

StudyFilterBar::StudyFilterBar(QWidget *parent)
    : QWidget(parent)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("studySearch"));
    m_search->setPlaceholderText(tr("Search name, patient ID or accession (wildcards * ?)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(280);

    m_datePreset = new QComboBox(this);
    m_datePreset->setObjectName(QStringLiteral("datePreset"));
    m_datePreset->addItem(tr("Any date"), AnyDate);
    m_datePreset->addItem(tr("Today"), Today);
    m_datePreset->addItem(tr("Yesterday"), Yesterday);
    m_datePreset->addItem(tr("Last 7 days"), Last7Days);
    m_datePreset->addItem(tr("Last 30 days"), Last30Days);
    m_datePreset->addItem(tr("Custom range…"), CustomRange);

    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        edit->setVisible(false);
    }
    m_from->setObjectName(QStringLiteral("dateFrom"));
    m_to->setObjectName(QStringLiteral("dateTo"));

    m_modality = new QComboBox(this);
    m_modality->setObjectName(QStringLiteral("modalityFilter"));
    m_modality->addItem(tr("All modalities"), QString());
    for (const char *m : kModalities)
        m_modality->addItem(QString::fromLatin1(m), QString::fromLatin1(m));

    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("sourceSelector"));
    m_source->setToolTip(tr("Where to search: this workstation, or a PACS set up for query/retrieve"));
    m_source->addItem(tr("Local"), QStringList {QString(), QString()});
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_source->setVisible(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source);
    layout->addWidget(m_search, 1);
    auto *dateLabel = new QLabel(tr("Study date:"), this);
    dateLabel->setBuddy(m_datePreset);
    layout->addWidget(dateLabel);
    layout->addWidget(m_datePreset);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    auto *modalityLabel = new QLabel(tr("Modality:"), this);
    modalityLabel->setBuddy(m_modality);
    layout->addWidget(modalityLabel);
    layout->addWidget(m_modality);

    m_typing.setSingleShot(true);
    m_typing.setInterval(250);
    connect(&m_typing, &QTimer::timeout, this, [this] { Q_EMIT filtersChanged(filters()); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_typing.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_typing.stop();
        Q_EMIT filtersChanged(filters());
    });
    connect(m_datePreset, &QComboBox::currentIndexChanged, this, [this] {
        updateDateEdits();
        emitSoon();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &StudyFilterBar::emitSoon);
    connect(m_to, &QDateEdit::dateChanged, this, &StudyFilterBar::emitSoon);
    connect(m_modality, &QComboBox::currentIndexChanged, this, &StudyFilterBar::emitSoon);
    connect(m_source, &QComboBox::currentIndexChanged, this, &StudyFilterBar::sourceChanged);
}

void StudyFilterBar::setRemoteSources(const QStringList &names)
{
    const QString current = remoteSource();
    const bool local = includeLocal();
    {
        const QSignalBlocker block(m_source);
        while (m_source->count() > 1)
            m_source->removeItem(1);
        for (const QString &name : names) {
            m_source->addItem(tr("Remote: %1").arg(name), QStringList {QStringLiteral("remote"), name});
            m_source->addItem(tr("Local + %1").arg(name), QStringList {QStringLiteral("both"), name});
        }
        m_source->setCurrentIndex(0);
    }
    m_source->setVisible(!names.isEmpty());
    if (!current.isEmpty() && !setSource(current, local))
        Q_EMIT sourceChanged(); // Its destination is gone or lost the role: back to Local.
}

bool StudyFilterBar::setSource(const QString &destination, bool local)
{
    const QStringList wanted = destination.isEmpty()
        ? QStringList {QString(), QString()}
        : QStringList {local ? QStringLiteral("both") : QStringLiteral("remote"), destination};
    const int i = m_source->findData(wanted);
    if (i < 0)
        return false;
    m_source->setCurrentIndex(i);
    return true;
}

QString StudyFilterBar::remoteSource() const
{
    return m_source->currentData().toStringList().value(1);
}

bool StudyFilterBar::includeLocal() const
{
    return m_source->currentData().toStringList().value(0) == QLatin1String("both");
}

StudyQuery StudyFilterBar::filters() const
{
    StudyQuery q;
    q.anyText = m_search->text().trimmed();
    q.modality = m_modality->currentData().toString();
    const QDate today = m_today.isValid() ? m_today : QDate::currentDate();
    QDate from;
    QDate to;
    switch (m_datePreset->currentData().toInt()) {
    case Today:
        from = to = today;
        break;
    case Yesterday:
        from = to = today.addDays(-1);
        break;
    case Last7Days:
        from = today.addDays(-6), to = today;
        break;
    case Last30Days:
        from = today.addDays(-29), to = today;
        break;
    case CustomRange:
        from = qMin(m_from->date(), m_to->date());
        to = qMax(m_from->date(), m_to->date());
        break;
    default:
        break;
    }
    if (from.isValid())
        q.dateFrom = from.toString(QStringLiteral("yyyyMMdd"));
    if (to.isValid())
        q.dateTo = to.toString(QStringLiteral("yyyyMMdd"));
    return q;
}

void StudyFilterBar::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_typing.stop();
    Q_EMIT filtersChanged(filters());
}

void StudyFilterBar::setDatePreset(DatePreset preset)
{
    m_datePreset->setCurrentIndex(m_datePreset->findData(preset));
}

void StudyFilterBar::setCustomRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    if (m_datePreset->currentData().toInt() != CustomRange)
        setDatePreset(CustomRange);
    else
        emitSoon();
}

void StudyFilterBar::setModality(const QString &modality)
{
    const int i = m_modality->findData(modality);
    m_modality->setCurrentIndex(i < 0 ? 0 : i);
}

void StudyFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void StudyFilterBar::clear()
{
    const QSignalBlocker blockSearch(m_search);
    const QSignalBlocker blockPreset(m_datePreset);
    const QSignalBlocker blockModality(m_modality);
    m_search->clear();
    m_datePreset->setCurrentIndex(0);
    m_modality->setCurrentIndex(0);
    updateDateEdits();
    emitSoon();
}

void StudyFilterBar::updateDateEdits()
{
    const bool custom = m_datePreset->currentData().toInt() == CustomRange;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

void StudyFilterBar::emitSoon()
{
    m_typing.stop();
    Q_EMIT filtersChanged(filters());
}

} // namespace lightbox

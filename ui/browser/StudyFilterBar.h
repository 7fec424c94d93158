#pragma once

#include "core/index/IndexRecords.h"

#include <QDate>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;

namespace lightbox {

/// The browser's search row: one text box (name, patient ID or accession; wildcards * and ?), a study date
/// preset (any, today, yesterday, last 7 days, last 30 days, custom range) and a modality.
class StudyFilterBar : public QWidget
{
    Q_OBJECT
public:
    enum DatePreset { AnyDate, Today, Yesterday, Last7Days, Last30Days, CustomRange };

    explicit StudyFilterBar(QWidget *parent = nullptr);

    /// The filters as an index query (sort fields left at their defaults).
    StudyQuery filters() const;
    void setSearchText(const QString &text);
    void setDatePreset(DatePreset preset);
    void setCustomRange(const QDate &from, const QDate &to);
    void setModality(const QString &modality);
    /// Puts the keyboard focus in the search box and selects its text.
    void focusSearch();
    /// Clears every filter.
    void clear();
    /// The date the presets count from (today, unless a test sets it).
    void setToday(const QDate &today) { m_today = today; }

    /// Offers "Remote: NAME" and "Local + NAME" for each of @p names beside "Local" (the selector is hidden when
    /// there are none). The current choice stays if its destination is still offered, else it falls back to Local.
    void setRemoteSources(const QStringList &names);
    /// Chooses the source: @p destination "" is Local; with @p includeLocal, "Local + destination".
    /// @return false when that source is not offered.
    bool setSource(const QString &destination, bool includeLocal = false);
    /// The destination queried ("" for Local).
    QString remoteSource() const;
    /// True for "Local + NAME".
    bool includeLocal() const;

Q_SIGNALS:
    void filtersChanged(const lightbox::StudyQuery &filters);
    /// The source selector changed (see remoteSource(), includeLocal()).
    void sourceChanged();

private:
    void updateDateEdits();
    void emitSoon();

    QLineEdit *m_search = nullptr;
    QComboBox *m_datePreset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_modality = nullptr;
    QComboBox *m_source = nullptr;
    QTimer m_typing;
    QDate m_today;
};

} // namespace lightbox

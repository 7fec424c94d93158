#include "ui/settings/SettingsDialog.h"

#include "core/common/Credentials.h"

#include "ui/settings/DestinationsPage.h"
#include "ui/settings/FieldChecks.h"
#include "ui/settings/NodeSettingsPage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

namespace lightbox {
namespace {

// The settings the listener runs with; the storage folder and the free-space reserve apply at the next start.
bool listenerSettingsDiffer(const NodeSettings &a, const NodeSettings &b)
{
    return a.aeTitle != b.aeTitle || a.port != b.port || a.poolSize != b.poolSize
        || a.strictCalledAe != b.strictCalledAe || a.whitelistEnabled != b.whitelistEnabled
        || a.whitelist != b.whitelist;
}

} // namespace

SettingsDialog::SettingsDialog(const NodeSettings &node, const QList<Destination> &destinations, QSettings &file,
                               QWidget *parent)
    : QDialog(parent)
    , m_file(file)
    , m_applied(node)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Lightbox Settings"));

    m_nodePage = new NodeSettingsPage(this);
    m_nodePage->setObjectName(QStringLiteral("nodePage"));
    m_destinationsPage = new DestinationsPage(this);
    m_destinationsPage->setObjectName(QStringLiteral("destinationsPage"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_nodePage, tr("&Local Node"));
    m_tabs->addTab(m_destinationsPage, tr("&Destinations"));

    m_status = fieldchecks::makeMessageLabel(QStringLiteral("applyStatus"), this);

    auto *buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_apply = buttons->button(QDialogButtonBox::Apply);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_nodePage, &NodeSettingsPage::changed, this, &SettingsDialog::updateButtons);
    m_nodePage->setSettings(node);
    m_destinationsPage->setDestinations(destinations);
    m_savedDestinations = destinations;
    m_destinationsPage->setCallingAe(node.aeTitle);
    resize(980, 600);
    updateButtons();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::updateButtons()
{
    const bool valid = m_nodePage->isValid();
    m_ok->setEnabled(valid);
    m_apply->setEnabled(valid);
    // Echoes go out as the AE title being typed, once it is a valid one.
    if (valid)
        m_destinationsPage->setCallingAe(m_nodePage->settings().aeTitle);
}

bool SettingsDialog::apply()
{
    if (!m_nodePage->isValid()) {
        m_tabs->setCurrentWidget(m_nodePage);
        fieldchecks::showError(m_status, tr("Correct the fields marked in red first."));
        return false;
    }
    const NodeSettings next = m_nodePage->settings();
    QStringList done;
    if (listenerSettingsDiffer(next, m_applied)) {
        if (m_applier) {
            QString why;
            if (!m_applier(next, &why)) {
                m_tabs->setCurrentWidget(m_nodePage);
                fieldchecks::showError(m_status,
                                       tr("The listener could not be restarted: %1. It keeps receiving "
                                          "as %2 on port %3; nothing was saved.")
                                           .arg(why, m_applied.aeTitle)
                                           .arg(m_applied.port));
                return false;
            }
            done << tr("Receiving as %1 on port %2.").arg(next.aeTitle).arg(next.port);
        } else {
            done << tr("The listener settings apply at the next start.");
        }
    }
    if (next.storageDir != m_applied.storageDir)
        done << tr("The new storage folder is used from the next start of Lightbox.");
    next.save(m_file);
    const QList<Destination> list = m_destinationsPage->destinations();
    destinations::save(m_file, list);
    m_file.sync();
    // A removed destination's password or token goes with it.
    for (const Destination &old : std::as_const(m_savedDestinations)) {
        if (old.kind == Destination::Kind::DicomWeb && !destinations::byName(list, old.name))
            credentials::remove(old.name);
    }
    m_savedDestinations = list;
    m_applied = next;
    m_nodePage->setSettings(next);
    fieldchecks::showNote(m_status, (QStringList {tr("Saved.")} + done).join(QLatin1Char(' ')), true);
    Q_EMIT nodeSettingsSaved(next);
    Q_EMIT destinationsSaved(list);
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace lightbox

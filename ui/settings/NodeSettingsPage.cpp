#include "ui/settings/NodeSettingsPage.h"

#include "core/common/DicomNode.h"
#include "core/common/StorageLocation.h"
#include "ui/common/DicomFormat.h"
#include "ui/settings/FieldChecks.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStorageInfo>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lightbox {

NodeSettingsPage::NodeSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_aeTitle = new QLineEdit(this);
    m_aeTitle->setObjectName(QStringLiteral("aeTitle"));
    m_aeTitle->setMaximumWidth(260);
    m_aeTitle->setToolTip(tr("The name modalities and servers use to address this workstation: 1 to 16 letters, "
                             "digits, spaces or punctuation."));
    m_aeTitleError = fieldchecks::makeMessageLabel(QStringLiteral("aeTitleError"), this);
    form->addRow(tr("AE &title:"), fieldchecks::withMessage(m_aeTitle, m_aeTitleError, this));

    m_port = new QLineEdit(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setMaximumWidth(120);
    m_port->setToolTip(tr("TCP port the listener accepts associations on (104 and 11112 are usual; ports below 1024 "
                          "need administrator rights)."));
    m_portError = fieldchecks::makeMessageLabel(QStringLiteral("portError"), this);
    form->addRow(tr("&Port:"), fieldchecks::withMessage(m_port, m_portError, this));

    m_poolSize = new QSpinBox(this);
    m_poolSize->setObjectName(QStringLiteral("poolSize"));
    m_poolSize->setRange(1, 1000);
    m_poolSize->setMaximumWidth(120);
    m_poolSize->setToolTip(tr("Associations served at the same time; a sender beyond this is refused and retries "
                              "later."));
    form->addRow(tr("Simultaneous &associations:"), m_poolSize);

    m_storage = new QLineEdit(this);
    m_storage->setObjectName(QStringLiteral("storageDir"));
    m_storage->setPlaceholderText(StorageLocation::defaultRoot());
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &NodeSettingsPage::chooseStorageFolder);
    auto *storageRow = new QWidget(this);
    auto *storageLayout = new QHBoxLayout(storageRow);
    storageLayout->setContentsMargins(0, 0, 0, 0);
    storageLayout->addWidget(m_storage, 1);
    storageLayout->addWidget(browse);
    m_storageNote = fieldchecks::makeMessageLabel(QStringLiteral("storageNote"), this);
    form->addRow(tr("&Storage folder:"), fieldchecks::withMessage(storageRow, m_storageNote, this));

    m_strictCalledAe = new QCheckBox(tr("Accept only associations addressed to this AE title"), this);
    m_strictCalledAe->setObjectName(QStringLiteral("strictCalledAe"));
    m_strictCalledAe->setToolTip(tr("Off: senders configured with another AE title for this workstation are "
                                    "accepted too."));
    form->addRow(QString(), m_strictCalledAe);

    m_whitelistBox = new QGroupBox(tr("Accept only these calling AE titles"), this);
    m_whitelistBox->setObjectName(QStringLiteral("whitelistEnabled"));
    m_whitelistBox->setCheckable(true);
    m_whitelist = new QTableWidget(0, 2, m_whitelistBox);
    m_whitelist->setObjectName(QStringLiteral("whitelist"));
    m_whitelist->setHorizontalHeaderLabels({tr("Calling AE title"), tr("Host (empty or * for any)")});
    m_whitelist->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_whitelist->verticalHeader()->hide();
    m_whitelist->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add"), m_whitelistBox);
    add->setObjectName(QStringLiteral("whitelistAdd"));
    auto *remove = new QPushButton(tr("Remove"), m_whitelistBox);
    remove->setObjectName(QStringLiteral("whitelistRemove"));
    connect(add, &QPushButton::clicked, this, &NodeSettingsPage::addWhitelistRow);
    connect(remove, &QPushButton::clicked, this, &NodeSettingsPage::removeWhitelistRows);
    m_whitelistError = fieldchecks::makeMessageLabel(QStringLiteral("whitelistError"), m_whitelistBox);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_whitelist, 1);
    tableRow->addLayout(buttons);
    auto *boxLayout = new QVBoxLayout(m_whitelistBox);
    boxLayout->addLayout(tableRow);
    boxLayout->addWidget(m_whitelistError);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_whitelistBox, 1);

    const auto edited = [this] {
        if (!m_filling)
            revalidate();
    };
    connect(m_aeTitle, &QLineEdit::textChanged, this, edited);
    connect(m_port, &QLineEdit::textChanged, this, edited);
    connect(m_poolSize, &QSpinBox::valueChanged, this, edited);
    connect(m_storage, &QLineEdit::textChanged, this, edited);
    connect(m_strictCalledAe, &QCheckBox::toggled, this, edited);
    connect(m_whitelistBox, &QGroupBox::toggled, this, edited);
    connect(m_whitelist, &QTableWidget::itemChanged, this, edited);
}

void NodeSettingsPage::setSettings(const NodeSettings &settings)
{
    m_filling = true;
    m_base = settings;
    m_aeTitle->setText(settings.aeTitle);
    m_port->setText(QString::number(settings.port));
    m_poolSize->setValue(settings.poolSize);
    m_storage->setText(settings.storageDir);
    m_strictCalledAe->setChecked(settings.strictCalledAe);
    m_whitelistBox->setChecked(settings.whitelistEnabled);
    m_whitelist->setRowCount(0);
    for (const AllowedPeer &peer : settings.whitelist) {
        const int row = m_whitelist->rowCount();
        m_whitelist->insertRow(row);
        m_whitelist->setItem(row, 0, new QTableWidgetItem(peer.aeTitle));
        m_whitelist->setItem(row, 1, new QTableWidgetItem(peer.host));
    }
    m_filling = false;
    revalidate();
}

NodeSettings NodeSettingsPage::settings() const
{
    NodeSettings s = m_base;
    s.aeTitle = m_aeTitle->text().trimmed();
    s.port = fieldchecks::parsePort(m_port->text(), nullptr);
    s.poolSize = m_poolSize->value();
    s.storageDir = m_storage->text().trimmed();
    s.strictCalledAe = m_strictCalledAe->isChecked();
    s.whitelistEnabled = m_whitelistBox->isChecked();
    s.whitelist.clear();
    for (int row = 0; row < m_whitelist->rowCount(); ++row) {
        const QTableWidgetItem *ae = m_whitelist->item(row, 0);
        const QTableWidgetItem *host = m_whitelist->item(row, 1);
        const AllowedPeer peer {ae ? ae->text().trimmed() : QString(), host ? host->text().trimmed() : QString()};
        if (!peer.aeTitle.isEmpty() || !peer.host.isEmpty())
            s.whitelist.append(peer);
    }
    return s;
}

void NodeSettingsPage::revalidate()
{
    bool valid = true;
    const QString aeError = validateAeTitle(m_aeTitle->text().trimmed());
    fieldchecks::showError(m_aeTitleError, aeError);
    valid = valid && aeError.isEmpty();

    QString portError;
    fieldchecks::parsePort(m_port->text(), &portError);
    fieldchecks::showError(m_portError, portError);
    valid = valid && portError.isEmpty();

    QString whitelistError;
    const NodeSettings typed = settings();
    for (int i = 0; i < typed.whitelist.size() && whitelistError.isEmpty(); ++i) {
        if (const QString why = validateAeTitle(typed.whitelist[i].aeTitle); !why.isEmpty())
            whitelistError = tr("Entry %1: %2").arg(i + 1).arg(why);
    }
    if (whitelistError.isEmpty() && typed.whitelistEnabled && typed.whitelist.isEmpty())
        whitelistError = tr("With an empty list every association is refused: add the AE titles of the modalities "
                            "and servers that send here, or switch the list off.");
    fieldchecks::showError(m_whitelistError, whitelistError);
    valid = valid && whitelistError.isEmpty();

    updateFreeSpace();
    m_valid = valid;
    Q_EMIT changed();
}

void NodeSettingsPage::updateFreeSpace()
{
    const QString typed = m_storage->text().trimmed();
    QString folder = typed.isEmpty() ? StorageLocation::defaultRoot() : typed;
    // A folder that does not exist yet will be created: report the disk it would be on.
    QFileInfo existing(folder);
    while (!existing.exists() && existing.absoluteFilePath() != QDir::rootPath())
        existing = QFileInfo(existing.absolutePath());
    const QStorageInfo volume(existing.absoluteFilePath());
    QString note = volume.isValid() ? tr("%1 free on this disk.").arg(dicomformat::byteSize(volume.bytesAvailable()))
                                    : tr("This folder's disk cannot be read.");
    note += QLatin1Char(' ')
        + (typed != m_base.storageDir ? tr("The new storage folder is used from the next start of Lightbox.")
                                      : tr("A change takes effect at the next start of Lightbox."));
    fieldchecks::showNote(m_storageNote, note, false);
}

void NodeSettingsPage::chooseStorageFolder()
{
    const QString start = m_storage->text().trimmed().isEmpty() ? StorageLocation::defaultRoot() : m_storage->text();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Storage folder"), start);
    if (!folder.isEmpty())
        m_storage->setText(folder);
}

void NodeSettingsPage::addWhitelistRow()
{
    const int row = m_whitelist->rowCount();
    m_whitelist->insertRow(row);
    m_whitelist->setItem(row, 0, new QTableWidgetItem);
    m_whitelist->setItem(row, 1, new QTableWidgetItem(QStringLiteral("*")));
    m_whitelist->setCurrentCell(row, 0);
    m_whitelist->editItem(m_whitelist->item(row, 0));
    revalidate();
}

void NodeSettingsPage::removeWhitelistRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_whitelist->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_whitelist->currentRow() >= 0)
        rows << m_whitelist->currentRow();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_whitelist->removeRow(row);
    revalidate();
}

} // namespace lightbox

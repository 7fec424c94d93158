#include "ui/settings/DestinationDialog.h"

#include "ui/settings/FieldChecks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lightbox {

DestinationDialog::DestinationDialog(const Destination &initial, const QList<Destination> &others, QWidget *parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_others(others)
    , m_hostCheck(new HostCheck(this))
{
    setObjectName(QStringLiteral("destinationDialog"));
    setWindowTitle(initial.name.isEmpty() ? tr("Add Destination") : tr("Edit Destination"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(initial.name, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. Main PACS"));
    m_nameError = fieldchecks::makeMessageLabel(QStringLiteral("nameError"), this);
    form->addRow(tr("&Name:"), fieldchecks::withMessage(m_name, m_nameError, this));

    m_aeTitle = new QLineEdit(initial.node.aeTitle, this);
    m_aeTitle->setObjectName(QStringLiteral("aeTitle"));
    m_aeTitle->setMaximumWidth(260);
    m_aeTitleError = fieldchecks::makeMessageLabel(QStringLiteral("aeTitleError"), this);
    form->addRow(tr("&AE title:"), fieldchecks::withMessage(m_aeTitle, m_aeTitleError, this));

    m_host = new QLineEdit(initial.node.host, this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("host name or IP address"));
    m_hostMessage = fieldchecks::makeMessageLabel(QStringLiteral("hostMessage"), this);
    form->addRow(tr("&Host:"), fieldchecks::withMessage(m_host, m_hostMessage, this));

    m_port = new QLineEdit(initial.node.port > 0 ? QString::number(initial.node.port) : QString(), this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setMaximumWidth(120);
    m_portError = fieldchecks::makeMessageLabel(QStringLiteral("portError"), this);
    form->addRow(tr("&Port:"), fieldchecks::withMessage(m_port, m_portError, this));

    m_send = new QCheckBox(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("roleSend"));
    m_send->setChecked(initial.roles.testFlag(Destination::Send));
    m_queryRetrieve = new QCheckBox(tr("Query/retrieve"), this);
    m_queryRetrieve->setObjectName(QStringLiteral("roleQueryRetrieve"));
    m_queryRetrieve->setChecked(initial.roles.testFlag(Destination::QueryRetrieve));
    m_sync = new QCheckBox(tr("Sync target"), this);
    m_sync->setObjectName(QStringLiteral("roleSync"));
    m_sync->setChecked(initial.roles.testFlag(Destination::Sync));
    auto *roles = new QWidget(this);
    auto *rolesLayout = new QHBoxLayout(roles);
    rolesLayout->setContentsMargins(0, 0, 0, 0);
    rolesLayout->addWidget(m_send);
    rolesLayout->addWidget(m_queryRetrieve);
    rolesLayout->addWidget(m_sync);
    rolesLayout->addStretch(1);
    m_rolesError = fieldchecks::makeMessageLabel(QStringLiteral("rolesError"), this);
    form->addRow(tr("Roles:"), fieldchecks::withMessage(roles, m_rolesError, this));

    m_retrieve = new QComboBox(this);
    m_retrieve->setObjectName(QStringLiteral("retrieve"));
    m_retrieve->addItem(tr("C-MOVE (the remote must know this workstation's AE title, host and port)"),
                        static_cast<int>(Destination::RetrieveMethod::Move));
    m_retrieve->addItem(tr("C-GET (no registration on the remote needed)"),
                        static_cast<int>(Destination::RetrieveMethod::Get));
    m_retrieve->setCurrentIndex(initial.retrieve == Destination::RetrieveMethod::Get ? 1 : 0);
    form->addRow(tr("&Retrieve with:"), m_retrieve);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_valid)
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    for (QLineEdit *edit : {m_name, m_aeTitle, m_port})
        connect(edit, &QLineEdit::textChanged, this, &DestinationDialog::revalidate);
    connect(m_host, &QLineEdit::textChanged, this, [this](const QString &host) { m_hostCheck->check(host); });
    connect(m_hostCheck, &HostCheck::stateChanged, this, &DestinationDialog::revalidate);
    for (QCheckBox *box : {m_send, m_queryRetrieve, m_sync})
        connect(box, &QCheckBox::toggled, this, &DestinationDialog::revalidate);
    m_hostCheck->check(m_host->text());
    revalidate();
}

Destination DestinationDialog::destination() const
{
    Destination d = m_initial;
    d.kind = Destination::Kind::Dicom;
    d.name = m_name->text().trimmed();
    d.node.aeTitle = m_aeTitle->text().trimmed();
    d.node.host = m_host->text().trimmed();
    d.node.port = fieldchecks::parsePort(m_port->text(), nullptr);
    Destination::Roles roles;
    roles.setFlag(Destination::Send, m_send->isChecked());
    roles.setFlag(Destination::QueryRetrieve, m_queryRetrieve->isChecked());
    roles.setFlag(Destination::Sync, m_sync->isChecked());
    d.roles = roles;
    d.retrieve = static_cast<Destination::RetrieveMethod>(m_retrieve->currentData().toInt());
    return d;
}

void DestinationDialog::revalidate()
{
    const Destination d = destination();
    QString nameError;
    if (d.name.isEmpty())
        nameError = tr("Enter a name, e.g. Main PACS.");
    else if (const auto same = destinations::byName(m_others, d.name))
        nameError = tr("There is already a destination called \"%1\": choose another name.").arg(same->name);
    fieldchecks::showError(m_nameError, nameError);

    const QString aeError = validateAeTitle(d.node.aeTitle);
    fieldchecks::showError(m_aeTitleError, aeError);

    QString portError;
    fieldchecks::parsePort(m_port->text(), &portError);
    fieldchecks::showError(m_portError, portError);

    const QString rolesError = d.roles ? QString() : tr("Choose at least one role.");
    fieldchecks::showError(m_rolesError, rolesError);

    switch (m_hostCheck->state()) {
    case HostCheck::State::Empty:
        fieldchecks::showError(m_hostMessage, tr("Enter the host name or IP address of the remote."));
        break;
    case HostCheck::State::NotFound:
        fieldchecks::showError(m_hostMessage, m_hostCheck->message());
        break;
    case HostCheck::State::Checking:
        fieldchecks::showNote(m_hostMessage, m_hostCheck->message(), false);
        break;
    case HostCheck::State::Resolved:
        fieldchecks::showNote(m_hostMessage, m_hostCheck->message(), true);
        break;
    }

    // The shared rule set has the last word (the command line uses it too).
    m_valid = nameError.isEmpty() && aeError.isEmpty() && portError.isEmpty() && rolesError.isEmpty()
        && m_hostCheck->state() == HostCheck::State::Resolved && validateDestination(d, m_others).isEmpty();
    m_ok->setEnabled(m_valid);
}

} // namespace lightbox

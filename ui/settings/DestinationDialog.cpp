#include "ui/settings/DestinationDialog.h"

#include "core/common/Credentials.h"
#include "ui/settings/FieldChecks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace lightbox {
namespace {

// "CT, mr  US" -> {"CT", "MR", "US"}; @p upper for modalities.
QStringList listOf(const QString &text, bool upper)
{
    QStringList out;
    for (const QString &part : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        out << (upper ? part.toUpper() : part);
    return out;
}

QFormLayout *formIn(QWidget *box)
{
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

} // namespace

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

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("DICOM node (C-STORE, C-FIND, C-MOVE)"), static_cast<int>(Destination::Kind::Dicom));
    m_kind->addItem(tr("DICOMweb server (STOW-RS, QIDO-RS over HTTP)"), static_cast<int>(Destination::Kind::DicomWeb));
    m_kind->setCurrentIndex(initial.kind == Destination::Kind::DicomWeb ? 1 : 0);
    form->addRow(tr("&Type:"), m_kind);

    // A DICOM node.
    m_dicomFields = new QWidget(this);
    QFormLayout *dicom = formIn(m_dicomFields);
    m_aeTitle = new QLineEdit(initial.node.aeTitle, this);
    m_aeTitle->setObjectName(QStringLiteral("aeTitle"));
    m_aeTitle->setMaximumWidth(260);
    m_aeTitleError = fieldchecks::makeMessageLabel(QStringLiteral("aeTitleError"), this);
    dicom->addRow(tr("&AE title:"), fieldchecks::withMessage(m_aeTitle, m_aeTitleError, this));
    m_host = new QLineEdit(initial.node.host, this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("host name or IP address"));
    m_hostMessage = fieldchecks::makeMessageLabel(QStringLiteral("hostMessage"), this);
    dicom->addRow(tr("&Host:"), fieldchecks::withMessage(m_host, m_hostMessage, this));
    m_port = new QLineEdit(initial.node.port > 0 ? QString::number(initial.node.port) : QString(), this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setMaximumWidth(120);
    m_portError = fieldchecks::makeMessageLabel(QStringLiteral("portError"), this);
    dicom->addRow(tr("&Port:"), fieldchecks::withMessage(m_port, m_portError, this));
    m_retrieve = new QComboBox(this);
    m_retrieve->setObjectName(QStringLiteral("retrieve"));
    m_retrieve->addItem(tr("C-MOVE (the remote must know this workstation's AE title, host and port)"),
                        static_cast<int>(Destination::RetrieveMethod::Move));
    m_retrieve->addItem(tr("C-GET (no registration on the remote needed)"),
                        static_cast<int>(Destination::RetrieveMethod::Get));
    m_retrieve->setCurrentIndex(initial.retrieve == Destination::RetrieveMethod::Get ? 1 : 0);
    dicom->addRow(tr("&Retrieve with:"), m_retrieve);

    // A DICOMweb server.
    m_webFields = new QWidget(this);
    QFormLayout *web = formIn(m_webFields);
    m_url = new QLineEdit(initial.url, this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(tr("service root, e.g. https://pacs.example.org/dicom-web"));
    m_urlError = fieldchecks::makeMessageLabel(QStringLiteral("urlError"), this);
    web->addRow(tr("&URL:"), fieldchecks::withMessage(m_url, m_urlError, this));
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("auth"));
    m_auth->addItem(tr("None"), static_cast<int>(Destination::WebAuth::None));
    m_auth->addItem(tr("User name and password (HTTP basic)"), static_cast<int>(Destination::WebAuth::Basic));
    m_auth->addItem(tr("Token (HTTP bearer)"), static_cast<int>(Destination::WebAuth::Bearer));
    m_auth->setCurrentIndex(m_auth->findData(static_cast<int>(initial.auth)));
    web->addRow(tr("Au&thentication:"), m_auth);
    m_user = new QLineEdit(initial.user, this);
    m_user->setObjectName(QStringLiteral("user"));
    m_userError = fieldchecks::makeMessageLabel(QStringLiteral("userError"), this);
    QWidget *userRow = fieldchecks::withMessage(m_user, m_userError, this);
    m_userLabel = new QLabel(tr("U&ser:"), this);
    m_userLabel->setBuddy(m_user);
    web->addRow(m_userLabel, userRow);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretMessage = fieldchecks::makeMessageLabel(QStringLiteral("secretMessage"), this);
    QWidget *secretRow = fieldchecks::withMessage(m_secret, m_secretMessage, this);
    m_secretLabel = new QLabel(this);
    m_secretLabel->setBuddy(m_secret);
    web->addRow(m_secretLabel, secretRow);

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
    auto *rolesForm = new QFormLayout;
    rolesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    rolesForm->addRow(tr("Roles:"), fieldchecks::withMessage(roles, m_rolesError, this));

    // What is synced to it.
    m_syncRules = new QGroupBox(tr("Sync rules"), this);
    m_syncRules->setObjectName(QStringLiteral("syncRules"));
    QFormLayout *rules = new QFormLayout(m_syncRules);
    rules->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_modalities = new QLineEdit(initial.syncModalities.join(QStringLiteral(", ")), this);
    m_modalities->setObjectName(QStringLiteral("syncModalities"));
    m_modalities->setPlaceholderText(tr("e.g. CT, MR — empty: every modality"));
    rules->addRow(tr("&Modalities:"), m_modalities);
    m_callingAes = new QLineEdit(initial.syncCallingAes.join(QStringLiteral(", ")), this);
    m_callingAes->setObjectName(QStringLiteral("syncCallingAes"));
    m_callingAes->setPlaceholderText(tr("AE titles that sent the images, e.g. CT1, MR2 — empty: any sender"));
    m_callingAesError = fieldchecks::makeMessageLabel(QStringLiteral("syncCallingAesError"), this);
    rules->addRow(tr("&From:"), fieldchecks::withMessage(m_callingAes, m_callingAesError, this));
    m_verify = new QCheckBox(tr("&Verify after sending (ask the server for every instance of the study)"), this);
    m_verify->setObjectName(QStringLiteral("verifySync"));
    m_verify->setChecked(initial.verifySync);
    rules->addRow(QString(), m_verify);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_valid)
            return;
        QString why;
        if (!saveSecret(&why)) {
            fieldchecks::showError(m_secretMessage, tr("The password could not be kept: %1").arg(why));
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_dicomFields);
    layout->addWidget(m_webFields);
    layout->addLayout(rolesForm);
    layout->addWidget(m_syncRules);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    for (QLineEdit *edit : {m_name, m_aeTitle, m_port, m_url, m_user, m_secret, m_callingAes})
        connect(edit, &QLineEdit::textChanged, this, &DestinationDialog::revalidate);
    connect(m_host, &QLineEdit::textChanged, this, [this](const QString &host) { m_hostCheck->check(host); });
    connect(m_hostCheck, &HostCheck::stateChanged, this, &DestinationDialog::revalidate);
    for (QCheckBox *box : {m_send, m_queryRetrieve, m_sync})
        connect(box, &QCheckBox::toggled, this, &DestinationDialog::revalidate);
    for (QComboBox *box : {m_kind, m_auth})
        connect(box, &QComboBox::currentIndexChanged, this, &DestinationDialog::revalidate);
    m_hostCheck->check(m_host->text());
    revalidate();
}

bool DestinationDialog::isWeb() const
{
    return m_kind->currentData().toInt() == static_cast<int>(Destination::Kind::DicomWeb);
}

Destination::WebAuth DestinationDialog::webAuth() const
{
    return static_cast<Destination::WebAuth>(m_auth->currentData().toInt());
}

bool DestinationDialog::hasStoredSecret() const
{
    return !m_initial.name.isEmpty() && m_initial.kind == Destination::Kind::DicomWeb && m_initial.auth == webAuth()
        && webAuth() != Destination::WebAuth::None;
}

Destination DestinationDialog::destination() const
{
    Destination d = m_initial;
    d.kind = isWeb() ? Destination::Kind::DicomWeb : Destination::Kind::Dicom;
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
    d.url = m_url->text().trimmed();
    d.auth = webAuth();
    d.user = d.auth == Destination::WebAuth::Basic ? m_user->text().trimmed() : QString();
    d.syncModalities = listOf(m_modalities->text(), true);
    d.syncCallingAes = listOf(m_callingAes->text(), false);
    d.verifySync = m_verify->isChecked();
    return d;
}

void DestinationDialog::updateVisibility()
{
    const bool web = isWeb();
    m_dicomFields->setVisible(!web);
    m_webFields->setVisible(web);
    const Destination::WebAuth auth = webAuth();
    m_userLabel->setVisible(auth == Destination::WebAuth::Basic);
    m_user->parentWidget()->setVisible(auth == Destination::WebAuth::Basic);
    m_secretLabel->setVisible(auth != Destination::WebAuth::None);
    m_secret->parentWidget()->setVisible(auth != Destination::WebAuth::None);
    m_secretLabel->setText(auth == Destination::WebAuth::Bearer ? tr("T&oken:") : tr("Pass&word:"));
    m_secret->setPlaceholderText(hasStoredSecret() ? (auth == Destination::WebAuth::Bearer
                                                          ? tr("leave empty to keep the stored token")
                                                          : tr("leave empty to keep the stored password"))
                                                   : QString());
    m_syncRules->setVisible(m_sync->isChecked());
    adjustSize();
}

void DestinationDialog::revalidate()
{
    updateVisibility();
    const Destination d = destination();
    const bool web = d.kind == Destination::Kind::DicomWeb;
    QString nameError;
    if (d.name.isEmpty())
        nameError = tr("Enter a name, e.g. Main PACS.");
    else if (const auto same = destinations::byName(m_others, d.name))
        nameError = tr("There is already a destination called \"%1\": choose another name.").arg(same->name);
    fieldchecks::showError(m_nameError, nameError);

    const QString rolesError = d.roles ? QString() : tr("Choose at least one role.");
    fieldchecks::showError(m_rolesError, rolesError);

    QString callingAesError;
    for (const QString &ae : d.syncCallingAes) {
        if (const QString why = validateAeTitle(ae); !why.isEmpty()) {
            callingAesError = tr("\"%1\": %2").arg(ae, why);
            break;
        }
    }
    fieldchecks::showError(m_callingAesError, callingAesError);

    bool fieldsOk = false;
    if (web) {
        QString urlError;
        if (d.url.isEmpty())
            urlError = tr("Enter the server's DICOMweb address, e.g. https://pacs.example.org/dicom-web.");
        else if (!d.url.startsWith(QLatin1String("http://")) && !d.url.startsWith(QLatin1String("https://")))
            urlError = tr("The address starts with http:// or https://.");
        fieldchecks::showError(m_urlError, urlError);
        const QString userError = d.auth == Destination::WebAuth::Basic && d.user.isEmpty()
            ? tr("Enter the user name the server knows this workstation by.")
            : QString();
        fieldchecks::showError(m_userError, userError);
        QString secretError;
        if (d.auth != Destination::WebAuth::None && m_secret->text().isEmpty() && !hasStoredSecret())
            secretError = d.auth == Destination::WebAuth::Bearer ? tr("Enter the token.") : tr("Enter the password.");
        if (secretError.isEmpty() && d.auth != Destination::WebAuth::None) {
            // One short line (a wrapped note would overlap the next row); the file's path is in the tooltip.
            const bool keyring = credentials::backendName() == QLatin1String("keyring");
            fieldchecks::showNote(m_secretMessage,
                                  keyring ? tr("Kept in the desktop keyring, not in the settings file.")
                                          : tr("Kept in a file only you can read, not in the settings file."),
                                  false);
            m_secretMessage->setToolTip(keyring ? QString() : credentials::filePath());
        } else
            fieldchecks::showError(m_secretMessage, secretError);
        fieldsOk = urlError.isEmpty() && userError.isEmpty() && secretError.isEmpty();
    } else {
        const QString aeError = validateAeTitle(d.node.aeTitle);
        fieldchecks::showError(m_aeTitleError, aeError);
        QString portError;
        fieldchecks::parsePort(m_port->text(), &portError);
        fieldchecks::showError(m_portError, portError);
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
        fieldsOk = aeError.isEmpty() && portError.isEmpty() && m_hostCheck->state() == HostCheck::State::Resolved;
    }

    // The shared rule set has the last word (the command line uses it too).
    m_valid = nameError.isEmpty() && rolesError.isEmpty() && callingAesError.isEmpty() && fieldsOk
        && validateDestination(d, m_others).isEmpty();
    m_ok->setEnabled(m_valid);
}

bool DestinationDialog::saveSecret(QString *error)
{
    const Destination d = destination();
    const bool renamed = !m_initial.name.isEmpty() && m_initial.name.compare(d.name, Qt::CaseInsensitive) != 0;
    if (d.kind != Destination::Kind::DicomWeb || d.auth == Destination::WebAuth::None) {
        // No secret is needed any more: forget the one that was kept.
        if (m_initial.kind == Destination::Kind::DicomWeb && m_initial.auth != Destination::WebAuth::None)
            credentials::remove(m_initial.name);
        return true;
    }
    QString secret = m_secret->text();
    if (secret.isEmpty()) {
        if (!renamed)
            return true; // keep the stored one
        const auto stored = credentials::load(m_initial.name, error);
        if (!stored)
            return error->isEmpty();
        secret = *stored;
    }
    if (!credentials::store(d.name, secret, error))
        return false;
    if (renamed)
        credentials::remove(m_initial.name);
    return true;
}

} // namespace lightbox

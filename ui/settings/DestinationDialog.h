#pragma once

#include "core/common/Destination.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace lightbox {

class HostCheck;

/// Adds or edits one destination: a DICOM node (AE title, host, port, retrieve method) or a DICOMweb server (URL,
/// authentication, user, password or token), its roles and, for the sync role, its sync rules (modalities,
/// calling AE titles, verify after sending). Each field is checked as it is typed (unique name, AE title rules,
/// port 1-65535, host resolvable, http(s) URL) and OK stays disabled until all are right, so the technician sees
/// every problem before saving. On OK a typed password or token goes to credentials::store() — never into the
/// destination or the settings file.
class DestinationDialog : public QDialog
{
    Q_OBJECT

public:
    /// @param others the destinations already in the table (without the one edited), for the unique name.
    DestinationDialog(const Destination &initial, const QList<Destination> &others, QWidget *parent = nullptr);

    /// The destination as typed; meaningful when isValid().
    Destination destination() const;
    /// True when every field is valid (and, for a DICOM node, the host was found).
    bool isValid() const { return m_valid; }
    QPushButton *okButton() const { return m_ok; }

private:
    void revalidate();
    void updateVisibility();
    /// Keeps the typed secret (or moves the stored one to a new name). @return false with @p error.
    bool saveSecret(QString *error);
    bool isWeb() const;
    Destination::WebAuth webAuth() const;
    /// True when editing a destination whose secret for this kind of authentication is already stored.
    bool hasStoredSecret() const;

    Destination m_initial;
    QList<Destination> m_others;
    HostCheck *m_hostCheck = nullptr;
    bool m_valid = false;

    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QComboBox *m_kind = nullptr;
    QWidget *m_dicomFields = nullptr;
    QLineEdit *m_aeTitle = nullptr;
    QLabel *m_aeTitleError = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_hostMessage = nullptr;
    QLineEdit *m_port = nullptr;
    QLabel *m_portError = nullptr;
    QComboBox *m_retrieve = nullptr;
    QWidget *m_webFields = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QComboBox *m_auth = nullptr;
    QLabel *m_userLabel = nullptr;
    QLineEdit *m_user = nullptr;
    QLabel *m_userError = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_secretMessage = nullptr;
    QCheckBox *m_send = nullptr;
    QCheckBox *m_queryRetrieve = nullptr;
    QCheckBox *m_sync = nullptr;
    QLabel *m_rolesError = nullptr;
    QGroupBox *m_syncRules = nullptr;
    QLineEdit *m_modalities = nullptr;
    QLineEdit *m_callingAes = nullptr;
    QLabel *m_callingAesError = nullptr;
    QCheckBox *m_verify = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace lightbox

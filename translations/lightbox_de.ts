<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>DicomNode</name>
    <message>
        <source>expected AET@HOST:PORT, e.g. ORTHANC@127.0.0.1:4242</source>
        <translation>erwartet wird AET@HOST:PORT, z. B. ORTHANC@127.0.0.1:4242</translation>
    </message>
    <message>
        <source>missing port: expected AET@HOST:PORT</source>
        <translation>Port fehlt: erwartet wird AET@HOST:PORT</translation>
    </message>
    <message>
        <source>port must be a number from 1 to 65535</source>
        <translation>Port muss eine Zahl von 1 bis 65535 sein</translation>
    </message>
    <message>
        <source>missing host name</source>
        <translation>Hostname fehlt</translation>
    </message>
    <message>
        <source>AE title must not be empty</source>
        <translation>AE-Titel darf nicht leer sein</translation>
    </message>
    <message>
        <source>AE title &quot;%1&quot; is longer than 16 characters</source>
        <translation>AE-Titel „%1“ ist länger als 16 Zeichen</translation>
    </message>
    <message>
        <source>AE title must not contain a backslash</source>
        <translation>AE-Titel darf keinen Backslash (\) enthalten</translation>
    </message>
    <message>
        <source>AE title may only use unaccented letters (A-Z), digits, spaces and punctuation</source>
        <translation>Der AE-Titel darf nur Buchstaben ohne Umlaute (A–Z), Ziffern, Leerzeichen und Satzzeichen enthalten</translation>
    </message>
</context>
<context>
    <name>lightbox::ActivityPanel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Calling AE</source>
        <translation>Rufender AE-Titel</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Associations</source>
        <translation>Assoziationen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Vorgänge</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>%1 (+%2 failed)</source>
        <translation>%1 (+%2 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>No imports, exports, sends, retrieves or deletions yet.</source>
        <translation>Noch keine Importe, Exporte, Sendungen, Abrufe oder Löschvorgänge.</translation>
    </message>
</context>
<context>
    <name>lightbox::Credentials</name>
    <message>
        <source>the keyring did not answer within %1 s</source>
        <translation>der Schlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>keyring: %1</source>
        <translation>Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>the password file %1 can be read by other users: secrets in it may be known to others; change them on the server and run chmod 600 %1</source>
        <translation>die Passwortdatei %1 kann von anderen Benutzern gelesen werden: Die darin gespeicherten Geheimnisse können anderen bekannt sein. Ändern Sie sie auf dem Server und führen Sie chmod 600 %1 aus</translation>
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation>die Passwortdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the password file %1 is damaged; remove it and enter the passwords again</source>
        <translation>die Passwortdatei %1 ist beschädigt: Entfernen Sie sie und geben Sie die Passwörter erneut ein</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>der Ordner für %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>cannot write the password file %1: %2</source>
        <translation>die Passwortdatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the password file %1 is locked by another Lightbox; try again</source>
        <translation>die Passwortdatei %1 ist durch eine andere Lightbox gesperrt: Versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>a password needs the name of its destination</source>
        <translation>ein Passwort benötigt den Namen seines Ziels</translation>
    </message>
</context>
<context>
    <name>lightbox::Deletion</name>
    <message>
        <source>The index could not be changed, so nothing was deleted (%1). Check that the storage disk is not full, then try again.</source>
        <translation>Der Index konnte nicht geändert werden, daher wurde nichts gelöscht (%1). Prüfen Sie, ob der Datenträger des Speichers voll ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The files stay on disk for now and are removed at the next start (%1).</source>
        <translation>Die Dateien bleiben vorerst auf dem Datenträger und werden beim nächsten Start entfernt (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be removed from the storage folder (permission denied?); Lightbox tries again at the next start.</source>
        <translation>
            <numerusform>%n Datei konnte nicht aus dem Speicherordner entfernt werden (keine Berechtigung?); Lightbox versucht es beim nächsten Start erneut.</numerusform>
            <numerusform>%n Dateien konnten nicht aus dem Speicherordner entfernt werden (keine Berechtigung?); Lightbox versucht es beim nächsten Start erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lightbox is not running; start it before deleting studies.</source>
        <translation>Lightbox läuft nicht. Starten Sie Lightbox, bevor Sie Studien löschen.</translation>
    </message>
    <message>
        <source>Lightbox is not running; start it before deleting series.</source>
        <translation>Lightbox läuft nicht. Starten Sie Lightbox, bevor Sie Serien löschen.</translation>
    </message>
</context>
<context>
    <name>lightbox::DeletionController</name>
    <message>
        <source>%1 patients</source>
        <translation>%1 Patienten</translation>
    </message>
    <message>
        <source>Delete the study of %1 (%2) from this workstation?</source>
        <translation>Die Studie von %1 (%2) von diesem Arbeitsplatz löschen?</translation>
    </message>
    <message>
        <source>Delete %1 of %2 (%3) from this workstation?</source>
        <translation>%1 von %2 (%3) von diesem Arbeitsplatz löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The files are removed from disk. This cannot be undone.</source>
        <translation>Die Dateien werden vom Datenträger entfernt. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete series</source>
        <translation>Serien löschen</translation>
    </message>
    <message>
        <source>Select the series to delete in the series list first.</source>
        <translation>Wählen Sie zuerst in der Serienliste die zu löschenden Serien aus.</translation>
    </message>
    <message>
        <source>Delete this series from this workstation?</source>
        <translation>Diese Serie von diesem Arbeitsplatz löschen?</translation>
    </message>
    <message>
        <source>Delete %1 series from this workstation?</source>
        <translation>%1 Serie(n) auf diesem Arbeitsplatz löschen?</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>Lösche %1</translation>
    </message>
    <message>
        <source>Deleting 1 series</source>
        <translation>Lösche 1 Serie</translation>
    </message>
    <message>
        <source>Deleting %1 series</source>
        <translation>%1 Serie(n) werden gelöscht</translation>
    </message>
    <message>
        <source>Delete failed: %1</source>
        <translation>Löschen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Deleted %1 (%2).</source>
        <translation>Gelöscht: %1 (%2).</translation>
    </message>
</context>
<context>
    <name>lightbox::Destination</name>
    <message>
        <source>unknown role &quot;%1&quot;: use send, query or sync</source>
        <translation>unbekannte Rolle „%1“: Verwenden Sie send, query oder sync</translation>
    </message>
    <message>
        <source>at least one role is needed: send, query or sync</source>
        <translation>mindestens eine Rolle ist erforderlich: send, query oder sync</translation>
    </message>
    <message>
        <source>Name: a destination needs a name</source>
        <translation>Name: Ein Ziel benötigt einen Namen</translation>
    </message>
    <message>
        <source>Name: there is already a destination called &quot;%1&quot;</source>
        <translation>Name: Es gibt bereits ein Ziel namens „%1“</translation>
    </message>
    <message>
        <source>Roles: choose at least one of send, query/retrieve or sync</source>
        <translation>Rollen: Wählen Sie mindestens eine der Rollen Senden, Abfragen/Abrufen oder Synchronisieren</translation>
    </message>
    <message>
        <source>URL: a DICOMweb server&apos;s address starts with http:// or https://</source>
        <translation>URL: Die Adresse eines DICOMweb-Servers beginnt mit http:// oder https://</translation>
    </message>
    <message>
        <source>AE title: %1</source>
        <translation>AE-Titel: %1</translation>
    </message>
    <message>
        <source>Host: enter a host name or IP address</source>
        <translation>Host: Geben Sie einen Hostnamen oder eine IP-Adresse ein</translation>
    </message>
    <message>
        <source>Port: must be a number from 1 to 65535</source>
        <translation>Port: Muss eine Zahl von 1 bis 65535 sein</translation>
    </message>
    <message>
        <source>User: basic authentication needs a user name</source>
        <translation>Benutzer: Die Basic-Authentifizierung benötigt einen Benutzernamen</translation>
    </message>
</context>
<context>
    <name>lightbox::DestinationDialog</name>
    <message>
        <source>Add Destination</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Edit Destination</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <source>e.g. Main PACS</source>
        <translation>z. B. Haupt-PACS</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;AE title:</source>
        <translation>&amp;AE-Titel:</translation>
    </message>
    <message>
        <source>host name or IP address</source>
        <translation>Hostname oder IP-Adresse</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Query/retrieve</source>
        <translation>Abfragen/Abrufen</translation>
    </message>
    <message>
        <source>Sync target</source>
        <translation>Synchronisationsziel</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>Rollen:</translation>
    </message>
    <message>
        <source>C-MOVE (the remote must know this workstation&apos;s AE title, host and port)</source>
        <translation>C-MOVE (die Gegenstelle muss AE-Titel, Host und Port dieses Arbeitsplatzes kennen)</translation>
    </message>
    <message>
        <source>C-GET (no registration on the remote needed)</source>
        <translation>C-GET (keine Registrierung auf der Gegenstelle erforderlich)</translation>
    </message>
    <message>
        <source>&amp;Retrieve with:</source>
        <translation>Abrufen &amp;mit:</translation>
    </message>
    <message>
        <source>Enter a name, e.g. Main PACS.</source>
        <translation>Geben Sie einen Namen ein, z. B. Haupt-PACS.</translation>
    </message>
    <message>
        <source>There is already a destination called &quot;%1&quot;: choose another name.</source>
        <translation>Es gibt bereits ein Ziel namens „%1“: Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>Wählen Sie mindestens eine Rolle aus.</translation>
    </message>
    <message>
        <source>Enter the host name or IP address of the remote.</source>
        <translation>Geben Sie den Hostnamen oder die IP-Adresse der Gegenstelle ein.</translation>
    </message>
    <message>
        <source>DICOM node (C-STORE, C-FIND, C-MOVE)</source>
        <translation>DICOM-Knoten (C-STORE, C-FIND, C-MOVE)</translation>
    </message>
    <message>
        <source>DICOMweb server (STOW-RS, QIDO-RS over HTTP)</source>
        <translation>DICOMweb-Server (STOW-RS, QIDO-RS über HTTP)</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>service root, e.g. https://pacs.example.org/dicom-web</source>
        <translation>Service-Root, z. B. https://pacs.example.org/dicom-web</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>User name and password (HTTP basic)</source>
        <translation>Benutzername und Passwort (HTTP Basic)</translation>
    </message>
    <message>
        <source>Token (HTTP bearer)</source>
        <translation>Token (HTTP Bearer)</translation>
    </message>
    <message>
        <source>Au&amp;thentication:</source>
        <translation>Authentifi&amp;zierung:</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Sync rules</source>
        <translation>Synchronisationsregeln</translation>
    </message>
    <message>
        <source>e.g. CT, MR — empty: every modality</source>
        <translation>z. B. CT, MR — leer: alle Modalitäten</translation>
    </message>
    <message>
        <source>&amp;Modalities:</source>
        <translation>Mo&amp;dalitäten:</translation>
    </message>
    <message>
        <source>AE titles that sent the images, e.g. CT1, MR2 — empty: any sender</source>
        <translation>AE-Titel, die die Bilder gesendet haben, z. B. CT1, MR2 — leer: jeder Absender</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>Abs&amp;ender:</translation>
    </message>
    <message>
        <source>&amp;Verify after sending (ask the server for every instance of the study)</source>
        <translation>Nach dem Senden &amp;verifizieren (den Server nach jeder Instanz der Studie fragen)</translation>
    </message>
    <message>
        <source>The password could not be kept: %1</source>
        <translation>Das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>T&amp;oken:</source>
        <translation>T&amp;oken:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>leer lassen, um das gespeicherte Token beizubehalten</translation>
    </message>
    <message>
        <source>leave empty to keep the stored password</source>
        <translation>leer lassen, um das gespeicherte Passwort beizubehalten</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <source>Enter the server&apos;s DICOMweb address, e.g. https://pacs.example.org/dicom-web.</source>
        <translation>Geben Sie die DICOMweb-Adresse des Servers ein, z. B. https://pacs.example.org/dicom-web.</translation>
    </message>
    <message>
        <source>The address starts with http:// or https://.</source>
        <translation>Die Adresse beginnt mit http:// oder https://.</translation>
    </message>
    <message>
        <source>Enter the user name the server knows this workstation by.</source>
        <translation>Geben Sie den Benutzernamen ein, unter dem der Server diesen Arbeitsplatz kennt.</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>Geben Sie das Token ein.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Geben Sie das Passwort ein.</translation>
    </message>
    <message>
        <source>Kept in the desktop keyring, not in the settings file.</source>
        <translation>Wird im Schlüsselbund des Desktops gespeichert, nicht in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Kept in a file only you can read, not in the settings file.</source>
        <translation>In einer nur für Sie lesbaren Datei gespeichert, nicht in der Einstellungsdatei.</translation>
    </message>
</context>
<context>
    <name>lightbox::DestinationsPage</name>
    <message>
        <source>send</source>
        <translation>senden</translation>
    </message>
    <message>
        <source>query/retrieve</source>
        <translation>abfragen/abrufen</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>synchronisieren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>AE-Titel</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Retrieve</source>
        <translation>Abruf</translation>
    </message>
    <message>
        <source>Echo result</source>
        <translation>Echo-Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Echo A&amp;ll</source>
        <translation>Echo an &amp;alle</translation>
    </message>
    <message>
        <source>Servers and workstations this one sends to, queries and retrieves from. For C-MOVE the remote must also know this workstation (its AE title, host and port).</source>
        <translation>Server und Arbeitsplätze, an die dieser Arbeitsplatz sendet, die er abfragt und von denen er abruft. Für C-MOVE muss die Gegenstelle außerdem diesen Arbeitsplatz kennen (seinen AE-Titel, Host und Port).</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>Echo</translation>
    </message>
    <message>
        <source>Test the connection to %1 (C-ECHO)</source>
        <translation>Verbindung zu %1 testen (C-ECHO)</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>OK · %1 ms</source>
        <translation>OK · %1 ms</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>no password is stored: edit the destination and enter it</source>
        <translation>kein Passwort gespeichert: Bearbeiten Sie das Ziel und geben Sie es ein</translation>
    </message>
    <message>
        <source>Test the connection to every destination (C-ECHO, or a query for DICOMweb)</source>
        <translation>Verbindung zu allen Zielen testen (C-ECHO bzw. eine Abfrage bei DICOMweb)</translation>
    </message>
    <message>
        <source>Test the connection and the login to %1 (DICOMweb query)</source>
        <translation>Verbindung und Anmeldung bei %1 testen (DICOMweb-Abfrage)</translation>
    </message>
</context>
<context>
    <name>lightbox::DicomWebClient</name>
    <message>
        <source>refused by the server</source>
        <translation>vom Server abgelehnt</translation>
    </message>
    <message>
        <source>the server did not confirm this instance (HTTP %1)</source>
        <translation>der Server hat diese Instanz nicht bestätigt (HTTP %1)</translation>
    </message>
    <message>
        <source>the server at %1 answered, but not as a DICOMweb service — check the path, e.g. /dicom-web</source>
        <translation>der Server unter %1 hat geantwortet, aber nicht als DICOMweb-Dienst — prüfen Sie den Pfad, z. B. /dicom-web</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not DICOM JSON (%1 bytes)</source>
        <translation>die Antwort des Servers ist kein DICOM JSON (%1 Bytes)</translation>
    </message>
    <message>
        <source>cannot read the file %1</source>
        <translation>die Datei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>authentication rejected by the server</source>
        <translation>Anmeldung vom Server abgelehnt</translation>
    </message>
    <message>
        <source>connection refused: nothing is listening on %1 (is the DICOMweb server running, and is the port in the URL right?)</source>
        <translation>Verbindung abgelehnt: auf %1 lauscht kein Dienst (läuft der DICOMweb-Server, und stimmt der Port in der URL?)</translation>
    </message>
    <message>
        <source>host not found: &quot;%1&quot; cannot be resolved (check the host name in the URL or use the IP address)</source>
        <translation>Host nicht gefunden: „%1“ kann nicht aufgelöst werden (prüfen Sie den Hostnamen in der URL oder verwenden Sie die IP-Adresse)</translation>
    </message>
    <message>
        <source>timeout: no answer from %1 within %2 s (server down, firewall, or wrong address?)</source>
        <translation>Zeitüberschreitung: keine Antwort von %1 innerhalb von %2 s (Server nicht erreichbar, Firewall oder falsche Adresse?)</translation>
    </message>
    <message>
        <source>secure connection (TLS) to %1 failed%2: check the server&apos;s certificate, or whether the URL should start with http:// instead of https://</source>
        <translation>sichere Verbindung (TLS) zu %1 fehlgeschlagen%2: Prüfen Sie das Zertifikat des Servers oder ob die URL mit http:// statt mit https:// beginnen sollte</translation>
    </message>
    <message>
        <source>the server at %1 closed the connection without an answer (is it an HTTP server? check http:// or https:// in the URL)</source>
        <translation>der Server unter %1 hat die Verbindung ohne Antwort geschlossen (ist es ein HTTP-Server? Prüfen Sie http:// bzw. https:// in der URL)</translation>
    </message>
    <message>
        <source>no route to %1: the network cannot reach this host</source>
        <translation>keine Route zu %1: Das Netzwerk kann diesen Host nicht erreichen</translation>
    </message>
    <message>
        <source>the proxy refused or failed the connection to %1: check the proxy settings</source>
        <translation>der Proxy hat die Verbindung zu %1 abgelehnt oder nicht herstellen können: Prüfen Sie die Proxy-Einstellungen</translation>
    </message>
    <message>
        <source>cannot reach the DICOMweb server at %1: %2</source>
        <translation>der DICOMweb-Server unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>: the server says &quot;%1&quot;</source>
        <translation>: der Server meldet „%1“</translation>
    </message>
    <message>
        <source>check the token</source>
        <translation>Prüfen Sie das Token</translation>
    </message>
    <message>
        <source>check the user name and password</source>
        <translation>Prüfen Sie Benutzername und Passwort</translation>
    </message>
    <message>
        <source>no DICOMweb service at %1 — check the path, e.g. /dicom-web (%2)</source>
        <translation>kein DICOMweb-Dienst unter %1 — prüfen Sie den Pfad, z. B. /dicom-web (%2)</translation>
    </message>
    <message>
        <source>the server refused the request as too large (%1): send fewer instances at a time or raise the server&apos;s upload limit</source>
        <translation>der Server hat die Anfrage als zu groß abgelehnt (%1): Senden Sie weniger Instanzen auf einmal oder erhöhen Sie das Upload-Limit des Servers</translation>
    </message>
    <message>
        <source>the server is busy (%1): it will be tried again</source>
        <translation>der Server ist ausgelastet (%1): Es wird erneut versucht</translation>
    </message>
    <message>
        <source>the server does not accept this kind of request (%1): is the URL a DICOMweb service root?</source>
        <translation>der Server akzeptiert diese Art von Anfrage nicht (%1): Ist die URL ein DICOMweb-Service-Root?</translation>
    </message>
    <message>
        <source>the server failed (%1)</source>
        <translation>Fehler auf dem Server (%1)</translation>
    </message>
    <message>
        <source>the server refused the request (%1)</source>
        <translation>der Server hat die Anfrage abgelehnt (%1)</translation>
    </message>
    <message>
        <source>unexpected answer from the server (%1)</source>
        <translation>unerwartete Antwort vom Server (%1)</translation>
    </message>
    <message>
        <source>%1: processing failure on the server (see the server&apos;s log)</source>
        <translation>%1: Verarbeitungsfehler auf dem Server (siehe Protokoll des Servers)</translation>
    </message>
    <message>
        <source>%1: the server does not support this kind of image (SOP class)</source>
        <translation>%1: der Server unterstützt diese Bildart (SOP-Klasse) nicht</translation>
    </message>
    <message>
        <source>%1: not authorised</source>
        <translation>%1: nicht berechtigt</translation>
    </message>
    <message>
        <source>%1: the server is out of resources (its disk may be full)</source>
        <translation>%1: dem Server fehlen Ressourcen (möglicherweise ist sein Datenträger voll)</translation>
    </message>
    <message>
        <source>%1: the data set does not match its SOP class</source>
        <translation>%1: der Datensatz passt nicht zu seiner SOP-Klasse</translation>
    </message>
    <message>
        <source>%1: the server cannot understand the data</source>
        <translation>%1: der Server kann die Daten nicht verarbeiten</translation>
    </message>
    <message>
        <source>%1: refused by the server</source>
        <translation>%1: vom Server abgelehnt</translation>
    </message>
</context>
<context>
    <name>lightbox::DisplayPipeline</name>
    <message>
        <source>Full range</source>
        <translation>Gesamter Bereich</translation>
    </message>
    <message>
        <source>VOI LUT range</source>
        <translation>VOI-LUT-Bereich</translation>
    </message>
    <message>
        <source>Minimum to maximum</source>
        <translation>Minimum bis Maximum</translation>
    </message>
</context>
<context>
    <name>lightbox::Exporter</name>
    <message>
        <source>cannot read %1 (%2)</source>
        <translation>%1 kann nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>cannot write %1 (%2)</source>
        <translation>%1 kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>cannot create the DICOMDIR (%1)</source>
        <translation>DICOMDIR kann nicht erstellt werden (%1)</translation>
    </message>
    <message>
        <source>%1 is not listed in the DICOMDIR (%2)</source>
        <translation>%1 ist nicht im DICOMDIR eingetragen (%2)</translation>
    </message>
    <message>
        <source>cannot write the DICOMDIR (%1)</source>
        <translation>DICOMDIR kann nicht geschrieben werden (%1)</translation>
    </message>
    <message>
        <source>Preparing the export…</source>
        <translation>Export wird vorbereitet…</translation>
    </message>
    <message>
        <source>No study was chosen for export.</source>
        <translation>Es wurde keine Studie für den Export ausgewählt.</translation>
    </message>
    <message>
        <source>No target folder was chosen for export.</source>
        <translation>Es wurde kein Zielordner für den Export ausgewählt.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: check the path and your permissions.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden: Prüfen Sie den Pfad und Ihre Berechtigungen.</translation>
    </message>
    <message>
        <source>The folder %1 already holds a DICOMDIR. Choose an empty folder, so that two exports are not mixed.</source>
        <translation>Der Ordner %1 enthält bereits ein DICOMDIR. Wählen Sie einen leeren Ordner, damit sich zwei Exporte nicht vermischen.</translation>
    </message>
    <message>
        <source>The folder %1 already holds a folder %2. Choose an empty folder, so that two exports are not mixed.</source>
        <translation>Der Ordner %1 enthält bereits einen Ordner %2. Wählen Sie einen leeren Ordner, damit sich zwei Exporte nicht vermischen.</translation>
    </message>
    <message>
        <source>Cannot read the index of %1: %2</source>
        <translation>Der Index von %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The study %1 is not in the storage.</source>
        <translation>Die Studie %1 ist nicht im Speicher vorhanden.</translation>
    </message>
    <message>
        <source>The chosen studies have no stored files.</source>
        <translation>Zu den ausgewählten Studien sind keine Dateien gespeichert.</translation>
    </message>
    <message>
        <source>Exporting %1 file(s)…</source>
        <translation>%1 Datei(en) werden exportiert…</translation>
    </message>
    <message>
        <source>Writing the DICOMDIR: %1</source>
        <translation>DICOMDIR wird geschrieben: %1</translation>
    </message>
    <message>
        <source>Exported %1 file(s)</source>
        <translation>%1 Datei(en) exportiert</translation>
    </message>
    <message>
        <source>cannot copy %1 to %2 (disk full?)</source>
        <translation>%1 kann nicht nach %2 kopiert werden (Datenträger voll?)</translation>
    </message>
</context>
<context>
    <name>lightbox::FrameDecoder</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The file is not readable as DICOM (%1).</source>
        <translation>Die Datei kann nicht als DICOM gelesen werden (%1).</translation>
    </message>
    <message>
        <source>The file is not readable as DICOM.</source>
        <translation>Die Datei kann nicht als DICOM gelesen werden.</translation>
    </message>
    <message>
        <source>The pixel data is shorter than the header says: %1 bytes present, %2 needed for this frame. The file is probably truncated.</source>
        <translation>Die Pixeldaten sind kürzer als im Header angegeben: %1 Bytes vorhanden, %2 für diesen Frame benötigt. Die Datei ist vermutlich abgeschnitten.</translation>
    </message>
    <message>
        <source>The pixel data cannot be read (%1).</source>
        <translation>Die Pixeldaten können nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>Images compressed as %1 cannot be decoded.</source>
        <translation>Als %1 komprimierte Bilder können nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>The image attributes do not describe a valid frame.</source>
        <translation>Die Bildattribute beschreiben keinen gültigen Frame.</translation>
    </message>
    <message>
        <source>The compressed pixel data of frame %1 cannot be decoded (%2).</source>
        <translation>Die komprimierten Pixeldaten von Frame %1 können nicht dekodiert werden (%2).</translation>
    </message>
    <message>
        <source>The file holds no compressed pixel data.</source>
        <translation>Die Datei enthält keine komprimierten Pixeldaten.</translation>
    </message>
    <message>
        <source>The compressed pixel data holds no fragments.</source>
        <translation>Die komprimierten Pixeldaten enthalten keine Fragmente.</translation>
    </message>
    <message>
        <source>Frame %1 is missing from the compressed pixel data.</source>
        <translation>Frame %1 fehlt in den komprimierten Pixeldaten.</translation>
    </message>
    <message>
        <source>A fragment of the compressed pixel data cannot be read.</source>
        <translation>Ein Fragment der komprimierten Pixeldaten kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The compressed frame is too large.</source>
        <translation>Der komprimierte Frame ist zu groß.</translation>
    </message>
    <message>
        <source>The image has no rows or columns.</source>
        <translation>Das Bild hat keine Zeilen oder Spalten.</translation>
    </message>
    <message>
        <source>Images with %1 samples per pixel are not supported.</source>
        <translation>Bilder mit %1 Samples pro Pixel werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>Images with %1 bits allocated per sample are not supported.</source>
        <translation>Bilder mit %1 zugewiesenen Bits pro Sample (Bits Allocated) werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The image says %1 bits stored in %2 bits allocated, which is not valid.</source>
        <translation>Laut Bild sind %1 Bits in %2 zugewiesenen Bits gespeichert (Bits Stored/Bits Allocated); das ist ungültig.</translation>
    </message>
    <message>
        <source>Frame %1 does not exist: the image has %2 frames.</source>
        <translation>Frame %1 existiert nicht: Das Bild hat %2 Frames.</translation>
    </message>
    <message>
        <source>The image is too large to decode (%1 x %2 pixels).</source>
        <translation>Das Bild ist zu groß zum Dekodieren (%1 x %2 Pixel).</translation>
    </message>
    <message>
        <source>The buffer for the decoded frame has the wrong size.</source>
        <translation>Der Puffer für den dekodierten Frame hat die falsche Größe.</translation>
    </message>
    <message>
        <source>Floating-point pixel data is not supported.</source>
        <translation>Gleitkomma-Pixeldaten werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The file holds no image (no pixel data).</source>
        <translation>Die Datei enthält kein Bild (keine Pixeldaten).</translation>
    </message>
    <message>
        <source>The pixel data of the file cannot be read.</source>
        <translation>Die Pixeldaten der Datei können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>This kind of 1-bit image is not supported.</source>
        <translation>Diese Art von 1-Bit-Bild wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The colour pixel data has an unexpected layout.</source>
        <translation>Die Farbpixeldaten haben einen unerwarteten Aufbau.</translation>
    </message>
    <message>
        <source>Palette colour images with more than 16 bits are not supported.</source>
        <translation>Palettenfarbbilder mit mehr als 16 Bit werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>Segmented colour palettes are not supported yet.</source>
        <translation>Segmentierte Farbpaletten werden noch nicht unterstützt.</translation>
    </message>
    <message>
        <source>The colour palette of the image is missing or incomplete.</source>
        <translation>Die Farbpalette des Bildes fehlt oder ist unvollständig.</translation>
    </message>
    <message>
        <source>The file holds no image (no rows, columns or bits allocated).</source>
        <translation>Die Datei enthält kein Bild (keine Zeilen, Spalten oder Bits Allocated).</translation>
    </message>
    <message>
        <source>Not enough memory to read the file.</source>
        <translation>Nicht genügend Arbeitsspeicher zum Lesen der Datei.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No frame to decode into.</source>
        <translation>Kein Frame zum Dekodieren vorhanden.</translation>
    </message>
    <message>
        <source>The image size in the header is not valid (%1 x %2 pixels).</source>
        <translation>Die Bildgröße im Header ist ungültig (%1 x %2 Pixel).</translation>
    </message>
    <message>
        <source>Not enough memory to decode the image.</source>
        <translation>Nicht genügend Arbeitsspeicher zum Dekodieren des Bildes.</translation>
    </message>
    <message>
        <source>The image cannot be decoded.</source>
        <translation>Das Bild kann nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>The file ends before its data does: it is probably truncated (an incomplete copy or transfer).</source>
        <translation>Die Datei endet vor ihren Daten: Sie ist wahrscheinlich abgeschnitten (eine unvollständige Kopie oder Übertragung).</translation>
    </message>
</context>
<context>
    <name>lightbox::ImageViewport</name>
    <message>
        <source>ID: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Image: %1 / %2 (#%3)</source>
        <translation>Bild: %1 / %2 (#%3)</translation>
    </message>
    <message>
        <source>Image: %1 / %2</source>
        <translation>Bild: %1 / %2</translation>
    </message>
    <message>
        <source>Position: %1 mm</source>
        <translation>Position: %1 mm</translation>
    </message>
    <message>
        <source>Thickness: %1 mm</source>
        <translation>Schichtdicke: %1 mm</translation>
    </message>
    <message>
        <source>W: %1 L: %2</source>
        <translation>F: %1 L: %2</translation>
    </message>
    <message>
        <source>Zoom: %1%</source>
        <translation>Zoom: %1%</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
</context>
<context>
    <name>lightbox::Importer</name>
    <message>
        <source>cannot read the DICOMDIR (%1)</source>
        <translation>DICOMDIR kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>the DICOMDIR lists no records</source>
        <translation>das DICOMDIR enthält keine Einträge</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>%n Datei wird importiert…</numerusform>
            <numerusform>%n Dateien werden importiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>a DICOMDIR (its referenced files are imported)</source>
        <translation>ein DICOMDIR (die darin referenzierten Dateien werden importiert)</translation>
    </message>
    <message>
        <source>not a DICOM file</source>
        <translation>keine DICOM-Datei</translation>
    </message>
    <message>
        <source>damaged DICOM file (%1)</source>
        <translation>beschädigte DICOM-Datei (%1)</translation>
    </message>
    <message>
        <source>no SOP Instance UID</source>
        <translation>keine SOP Instance UID</translation>
    </message>
    <message>
        <source>no SOP Class UID</source>
        <translation>keine SOP Class UID</translation>
    </message>
    <message>
        <source>no Study or Series Instance UID</source>
        <translation>keine Study oder Series Instance UID</translation>
    </message>
    <message>
        <source>cannot write to the storage&apos;s incoming folder (%1)</source>
        <translation>Schreiben in den Eingangsordner des Speichers nicht möglich (%1)</translation>
    </message>
    <message>
        <source>not stored: %1</source>
        <translation>nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Looking for files…</source>
        <translation>Dateien werden gesucht…</translation>
    </message>
    <message>
        <source>Nothing to import</source>
        <translation>Nichts zu importieren</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>existiert nicht</translation>
    </message>
    <message>
        <source>cannot be read (permission denied)</source>
        <translation>kann nicht gelesen werden (keine Berechtigung)</translation>
    </message>
    <message>
        <source>cannot copy the file into the storage (disk full or not writable?)</source>
        <translation>Die Datei kann nicht in den Speicher kopiert werden (Datenträger voll oder schreibgeschützt?)</translation>
    </message>
    <message>
        <source>listed in the DICOMDIR but missing from the medium</source>
        <translation>im DICOMDIR aufgeführt, fehlt aber auf dem Datenträger</translation>
    </message>
</context>
<context>
    <name>lightbox::Jpeg2000Decoder</name>
    <message>
        <source>The JPEG 2000 data of this frame is empty.</source>
        <translation>Die JPEG-2000-Daten dieses Frames sind leer.</translation>
    </message>
    <message>
        <source>JPEG 2000 images with %1 samples per pixel are not supported.</source>
        <translation>JPEG-2000-Bilder mit %1 Samples pro Pixel werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The buffer for the decoded JPEG 2000 frame has the wrong size.</source>
        <translation>Der Puffer für den dekodierten JPEG-2000-Frame hat die falsche Größe.</translation>
    </message>
    <message>
        <source>Not enough memory to decode the JPEG 2000 frame.</source>
        <translation>Nicht genügend Arbeitsspeicher zum Dekodieren des JPEG-2000-Frames.</translation>
    </message>
    <message>
        <source>The JPEG 2000 data of this frame is corrupt or truncated.</source>
        <translation>Die JPEG-2000-Daten dieses Frames sind beschädigt oder abgeschnitten.</translation>
    </message>
    <message>
        <source>The JPEG 2000 data of this frame is corrupt or truncated (%1).</source>
        <translation>Die JPEG-2000-Daten dieses Frames sind beschädigt oder abgeschnitten (%1).</translation>
    </message>
    <message>
        <source>The JPEG 2000 frame is %1 x %2 pixels, but the header says %3 x %4.</source>
        <translation>Der JPEG-2000-Frame hat %1 x %2 Pixel, laut Header aber %3 x %4.</translation>
    </message>
    <message>
        <source>The JPEG 2000 frame has %1 components, but the header says %2 samples per pixel.</source>
        <translation>Der JPEG-2000-Frame hat %1 Komponenten, laut Header aber %2 Samples pro Pixel.</translation>
    </message>
    <message>
        <source>Subsampled monochrome JPEG 2000 frames are not supported.</source>
        <translation>Unterabgetastete monochrome JPEG-2000-Frames werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>JPEG 2000 does not hold floating-point pixel data.</source>
        <translation>JPEG 2000 enthält keine Gleitkomma-Pixeldaten.</translation>
    </message>
</context>
<context>
    <name>lightbox::MainWindow</name>
    <message>
        <source>Lightbox cannot start</source>
        <translation>Lightbox kann nicht starten</translation>
    </message>
    <message>
        <source>Lightbox could not open its storage or start receiving:

%1</source>
        <translation>Lightbox konnte den Speicher nicht öffnen oder den Empfang nicht starten:

%1</translation>
    </message>
    <message>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>The study list could not be read: %1</source>
        <translation>Die Studienliste konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Lightbox could not start: %1</source>
        <translation>Lightbox konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Import Files, DICOMDIR or Zip…</source>
        <translation>Dateien, DICOMDIR oder ZIP-Archiv &amp;importieren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>&amp;Export Study…</source>
        <translation>Studie &amp;exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export &amp;Anonymized…</source>
        <translation>&amp;Anonymisiert exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Delete Study…</source>
        <translation>Studie &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete &amp;Series…</source>
        <translation>S&amp;erie löschen…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Activity Panel</source>
        <translation>Akti&amp;vitätsbereich</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Lightbox</source>
        <translation>&amp;Über Lightbox</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>No arrivals yet</source>
        <translation>Noch nichts empfangen</translation>
    </message>
    <message>
        <source>Show associations, jobs and messages</source>
        <translation>Assoziationen, Vorgänge und Meldungen anzeigen</translation>
    </message>
    <message>
        <source>Activity (%1 new)</source>
        <translation>Aktivität (%1 neu)</translation>
    </message>
    <message>
        <source>Not receiving: %1</source>
        <translation>Kein Empfang: %1</translation>
    </message>
    <message>
        <source>&amp;Delete %1 Studies…</source>
        <translation>%1 Studien &amp;löschen…</translation>
    </message>
    <message>
        <source>%1 patients</source>
        <translation>%1 Patienten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Lightbox will use the new language the next time it starts.</source>
        <translation>Lightbox verwendet die neue Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>About Lightbox</source>
        <translation>Über Lightbox</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lightbox %1&lt;/h3&gt;&lt;p&gt;A desktop PACS workstation: receives, stores and indexes DICOM studies, and shows them as they arrive.&lt;/p&gt;&lt;p&gt;Storage: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lightbox %1&lt;/h3&gt;&lt;p&gt;Eine PACS-Workstation für den Desktop: empfängt, speichert und indiziert DICOM-Studien und zeigt sie an, sobald sie eintreffen.&lt;/p&gt;&lt;p&gt;Speicher: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit Lightbox</source>
        <translation>Lightbox beenden</translation>
    </message>
    <message>
        <source>Lightbox is not receiving studies: %1. Searching, importing and exporting work. Stop the program that uses the port, or start Lightbox with another one (--port), then restart it.</source>
        <translation>Lightbox empfängt keine Studien: %1. Suchen, Importieren und Exportieren funktionieren. Beenden Sie das Programm, das den Port belegt, oder starten Sie Lightbox mit einem anderen Port (--port) neu.</translation>
    </message>
    <message>
        <source>No studies yet.

Send studies to AE title %1 on port %2 of this computer, or import files, a folder, a DICOMDIR or a zip archive (File menu).</source>
        <translation>Noch keine Studien.

Senden Sie Studien an den AE-Titel %1 auf Port %2 dieses Computers, oder importieren Sie Dateien, einen Ordner, ein DICOMDIR oder ein ZIP-Archiv (Menü Datei).</translation>
    </message>
    <message>
        <source>Last arrival %1: %2 (shown %3 ms after storing)</source>
        <extracomment>%1 a time (14:02:11), %2 a patient name, %3 milliseconds from storing the images to showing them</extracomment>
        <translation>Zuletzt empfangen %1: %2 (angezeigt %3 ms nach dem Speichern)</translation>
    </message>
    <message>
        <source>1 study</source>
        <translation>1 Studie</translation>
    </message>
    <message>
        <source>%1 studies</source>
        <translation>%1 Studien</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 Datei</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 Dateien</translation>
    </message>
    <message>
        <source>%1 · port %2 · %3 receiving</source>
        <translation>%1 · Port %2 · %3 empfangend</translation>
    </message>
    <message>
        <source>%1 patients, %2 studies, %3 series, %4 images; %5 stored, %6 free on the storage disk</source>
        <translation>%1 Patienten, %2 Studien, %3 Serien, %4 Bilder; %5 gespeichert, %6 frei auf dem Speicherdatenträger</translation>
    </message>
    <message>
        <source>Last: %1 %2 · %3 ms</source>
        <extracomment>%1 a time (14:02:11), %2 a patient name, %3 milliseconds from storing the images to showing them</extracomment>
        <translation>Zuletzt: %1 %2 · %3 ms</translation>
    </message>
    <message>
        <source>That study is no longer stored.</source>
        <translation>Diese Studie ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>This patient has no other study stored here.</source>
        <translation>Zu diesem Patienten ist hier keine weitere Studie gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Local DICOM node, destinations and echo tests</source>
        <translation>Lokaler DICOM-Knoten, Ziele und Echo-Tests</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Senden/Abrufen</translation>
    </message>
    <message>
        <source>Send the selected studies to a destination</source>
        <translation>Ausgewählte Studien an ein Ziel senden</translation>
    </message>
    <message>
        <source>Receiving as AE title %1 on port %2; %3 association(s) open now.
Storage: %4
Click to change.</source>
        <translation>Empfang als AE-Titel %1 auf Port %2; derzeit %3 Assoziation(en) offen.
Speicher: %4
Zum Ändern klicken.</translation>
    </message>
    <message>
        <source>An import, export, send, retrieve or deletion is still running. Quit anyway? Anything already finished is kept.</source>
        <translation>Ein Import, Export, Sende-, Abruf- oder Löschvorgang läuft noch. Trotzdem beenden? Bereits Abgeschlossenes bleibt erhalten.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4 free</source>
        <translation>%1 · %2 · %3 · %4 frei</translation>
    </message>
    <message>
        <source>1 patient</source>
        <translation>1 Patient</translation>
    </message>
</context>
<context>
    <name>lightbox::Measurement</name>
    <message>
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <source>%1 mm²</source>
        <translation>%1 mm²</translation>
    </message>
    <message>
        <source>%1 px²</source>
        <translation>%1 px²</translation>
    </message>
    <message>
        <source>%1 HU</source>
        <translation>%1 HU</translation>
    </message>
    <message>
        <source>no pixels inside</source>
        <translation>keine Pixel innerhalb</translation>
    </message>
    <message>
        <source>mean %1 HU, SD %2, min %3, max %4, area %5</source>
        <translation>Mittelwert %1 HU, SA %2, Min %3, Max %4, Fläche %5</translation>
    </message>
    <message>
        <source>mean %1, SD %2, min %3, max %4, area %5</source>
        <translation>Mittelwert %1, SA %2, Min %3, Max %4, Fläche %5</translation>
    </message>
</context>
<context>
    <name>lightbox::NetCommands</name>
    <message>
        <source>Our calling AE title (default from settings).</source>
        <translation>Eigener rufender AE-Titel (Standard: aus den Einstellungen).</translation>
    </message>
    <message>
        <source>Seconds to wait for the remote (default 30).</source>
        <translation>Wartezeit auf die Gegenstelle in Sekunden (Standard: 30).</translation>
    </message>
    <message>
        <source>Storage folder.</source>
        <translation>Speicherordner.</translation>
    </message>
    <message>
        <source>no destination called &quot;%1&quot;, and it is no address either: expected AET@HOST:PORT (e.g. ORTHANC@127.0.0.1:4242) or the name of a destination (see lightbox destination list)</source>
        <translation>kein Ziel namens „%1“, und es ist auch keine Adresse: erwartet wird AET@HOST:PORT (z. B. ORTHANC@127.0.0.1:4242) oder der Name eines Ziels (siehe lightbox destination list)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a DICOMweb destination: this command needs a DICOM node</source>
        <translation>„%1“ ist ein DICOMweb-Ziel: Dieser Befehl benötigt einen DICOM-Knoten</translation>
    </message>
    <message>
        <source>send, query and/or sync, comma-separated (default send).</source>
        <translation>send, query und/oder sync, durch Kommas getrennt (Standard: send).</translation>
    </message>
    <message>
        <source>How to retrieve from it: move (default) or get.</source>
        <translation>Abrufmethode: move (Standard) oder get.</translation>
    </message>
    <message>
        <source>usage: lightbox destination remove NAME</source>
        <translation>Aufruf: lightbox destination remove NAME</translation>
    </message>
    <message>
        <source>no destination called &quot;%1&quot;</source>
        <translation>kein Ziel namens „%1“</translation>
    </message>
    <message>
        <source>Port: &quot;%1&quot; is not a port number from 1 to 65535</source>
        <translation>Port: „%1“ ist keine Portnummer von 1 bis 65535</translation>
    </message>
    <message>
        <source>--retrieve: use move or get, not &quot;%1&quot;</source>
        <translation>--retrieve: Verwenden Sie move oder get, nicht „%1“</translation>
    </message>
    <message>
        <source>Host: &quot;%1&quot; cannot be resolved (check the host name or use the IP address)</source>
        <translation>Host: „%1“ kann nicht aufgelöst werden (prüfen Sie den Hostnamen oder verwenden Sie die IP-Adresse)</translation>
    </message>
    <message>
        <source>Send this stored study.</source>
        <translation>Diese gespeicherte Studie senden.</translation>
    </message>
    <message>
        <source>Send this stored series.</source>
        <translation>Diese gespeicherte Serie senden.</translation>
    </message>
    <message>
        <source>usage: lightbox send NAME|AET@HOST:PORT (--study UID | --series UID | FILE...)</source>
        <translation>Aufruf: lightbox send NAME|AET@HOST:PORT (--study UID | --series UID | FILE...)</translation>
    </message>
    <message>
        <source>cannot read the index in %1: %2</source>
        <translation>Index in %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>no study %1 is stored here</source>
        <translation>Die Studie %1 ist hier nicht gespeichert</translation>
    </message>
    <message>
        <source>no series %1 is stored here</source>
        <translation>Die Serie %1 ist hier nicht gespeichert</translation>
    </message>
    <message>
        <source>usage: lightbox find NAME|AET@HOST:PORT [--name N] [--id I] [--accession A] [--modality M] [--date D | --from D --to D] [--study UID]</source>
        <translation>Aufruf: lightbox find NAME|AET@HOST:PORT [--name N] [--id I] [--accession A] [--modality M] [--date D | --from D --to D] [--study UID]</translation>
    </message>
    <message>
        <source>--%1: expected a date like 20240131, 2024-01-31, today or yesterday</source>
        <translation>--%1: erwartet wird ein Datum wie 20240131, 2024-01-31, today oder yesterday</translation>
    </message>
    <message>
        <source>Study Instance UID.</source>
        <translation>Study Instance UID.</translation>
    </message>
    <message>
        <source>Only this series of the study (repeatable).</source>
        <translation>Nur diese Serie der Studie (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>move or get (default: the destination&apos;s).</source>
        <translation>move oder get (Standard: die Methode des Ziels).</translation>
    </message>
    <message>
        <source>Port of our running listener (default: the running Lightbox&apos;s, else the settings&apos;).</source>
        <translation>Port des eigenen laufenden Empfangsdienstes (Standard: der Port der laufenden Lightbox, sonst der aus den Einstellungen).</translation>
    </message>
    <message>
        <source>usage: lightbox retrieve NAME|AET@HOST:PORT --study UID [--series UID...] [--method move|get]</source>
        <translation>Aufruf: lightbox retrieve NAME|AET@HOST:PORT --study UID [--series UID...] [--method move|get]</translation>
    </message>
    <message>
        <source>--method: use move or get, not &quot;%1&quot;</source>
        <translation>--method: Verwenden Sie move oder get, nicht „%1“</translation>
    </message>
    <message>
        <source>nothing listens on our DICOM port %1: C-MOVE makes the remote send the study to the running Lightbox, so start Lightbox (or lightbox --headless) first, or retrieve with --method get</source>
        <translation>auf dem eigenen DICOM-Port %1 lauscht kein Dienst: Bei C-MOVE sendet die Gegenstelle die Studie an die laufende Lightbox. Starten Sie daher zuerst Lightbox (oder lightbox --headless), oder rufen Sie mit --method get ab</translation>
    </message>
    <message>
        <source>--auth: use basic, bearer or none, not &quot;%1&quot;</source>
        <translation>--auth: Verwenden Sie basic, bearer oder none, nicht „%1“</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>Token für %1: </translation>
    </message>
    <message>
        <source>Password of %1 for %2: </source>
        <translation>Passwort von %1 für %2: </translation>
    </message>
    <message>
        <source>bearer authentication needs the token on the first line of standard input (e.g. ... &lt; token.txt)</source>
        <translation>die Bearer-Authentifizierung erwartet das Token in der ersten Zeile der Standardeingabe (z. B. ... &lt; token.txt)</translation>
    </message>
    <message>
        <source>basic authentication needs the password on the first line of standard input (e.g. ... &lt; password.txt)</source>
        <translation>die Basic-Authentifizierung erwartet das Passwort in der ersten Zeile der Standardeingabe (z. B. ... &lt; password.txt)</translation>
    </message>
    <message>
        <source>cannot keep the password: %1</source>
        <translation>das Passwort kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>A DICOMweb server at this service root (e.g. https://pacs/dicom-web) instead of a DICOM node.</source>
        <translation>Ein DICOMweb-Server unter diesem Service-Root (z. B. https://pacs/dicom-web) statt eines DICOM-Knotens.</translation>
    </message>
    <message>
        <source>DICOMweb user name (basic authentication); the password is read from the first line of standard input.</source>
        <translation>DICOMweb-Benutzername (Basic-Authentifizierung); das Passwort wird aus der ersten Zeile der Standardeingabe gelesen.</translation>
    </message>
    <message>
        <source>DICOMweb authentication: basic (default with --user), bearer (a token read from standard input) or none.</source>
        <translation>DICOMweb-Authentifizierung: basic (Standard mit --user), bearer (ein aus der Standardeingabe gelesenes Token) oder none.</translation>
    </message>
    <message>
        <source>Add the sync role.</source>
        <translation>Die Rolle sync hinzufügen.</translation>
    </message>
    <message>
        <source>Sync only these modalities, e.g. CT,MR (default all).</source>
        <translation>Nur diese Modalitäten synchronisieren, z. B. CT,MR (Standard: alle).</translation>
    </message>
    <message>
        <source>Sync only what these AE titles sent us, e.g. CT1,MR2 (default all).</source>
        <translation>Nur synchronisieren, was diese AE-Titel an uns gesendet haben, z. B. CT1,MR2 (Standard: alle).</translation>
    </message>
    <message>
        <source>After syncing a study, check that the remote has every instance.</source>
        <translation>Nach dem Synchronisieren einer Studie prüfen, ob die Gegenstelle jede Instanz hat.</translation>
    </message>
    <message>
        <source>usage: lightbox destination password NAME (NAME: a DICOMweb destination with authentication; the secret is read from standard input)</source>
        <translation>Aufruf: lightbox destination password NAME (NAME: ein DICOMweb-Ziel mit Authentifizierung; das Geheimnis wird aus der Standardeingabe gelesen)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not use a password or token</source>
        <translation>„%1“ verwendet kein Passwort und kein Token</translation>
    </message>
    <message>
        <source>New password or token for %1: </source>
        <translation>Neues Passwort oder Token für %1: </translation>
    </message>
    <message>
        <source>the new password or token is read from the first line of standard input</source>
        <translation>das neue Passwort oder Token wird aus der ersten Zeile der Standardeingabe gelesen</translation>
    </message>
    <message>
        <source>usage: lightbox destination add|list|remove|password ... (see lightbox --help)</source>
        <translation>Aufruf: lightbox destination add|list|remove|password ... (siehe lightbox --help)</translation>
    </message>
    <message>
        <source>usage: lightbox destination add NAME (AET@HOST:PORT | --dicomweb URL [--user U] [--auth basic|bearer|none]) [--roles send,query,sync | --sync] [--modalities CT,MR] [--from-ae A,B] [--verify] [--retrieve move|get]</source>
        <translation>Aufruf: lightbox destination add NAME (AET@HOST:PORT | --dicomweb URL [--user U] [--auth basic|bearer|none]) [--roles send,query,sync | --sync] [--modalities CT,MR] [--from-ae A,B] [--verify] [--retrieve move|get]</translation>
    </message>
</context>
<context>
    <name>lightbox::NodeSettingsPage</name>
    <message>
        <source>The name modalities and servers use to address this workstation: 1 to 16 letters, digits, spaces or punctuation.</source>
        <translation>Der Name, mit dem Modalitäten und Server diesen Arbeitsplatz ansprechen: 1 bis 16 Buchstaben, Ziffern, Leerzeichen oder Satzzeichen.</translation>
    </message>
    <message>
        <source>AE &amp;title:</source>
        <translation>AE-&amp;Titel:</translation>
    </message>
    <message>
        <source>TCP port the listener accepts associations on (104 and 11112 are usual; ports below 1024 need administrator rights).</source>
        <translation>TCP-Port, auf dem der Empfangsdienst Assoziationen annimmt (üblich sind 104 und 11112; Ports unter 1024 erfordern Administratorrechte).</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Associations served at the same time; a sender beyond this is refused and retries later.</source>
        <translation>Gleichzeitig bediente Assoziationen; ein Sender darüber hinaus wird abgewiesen und versucht es später erneut.</translation>
    </message>
    <message>
        <source>Simultaneous &amp;associations:</source>
        <translation>Gleichzeitige &amp;Assoziationen:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Storage folder:</source>
        <translation>&amp;Speicherordner:</translation>
    </message>
    <message>
        <source>Accept only associations addressed to this AE title</source>
        <translation>Nur Assoziationen annehmen, die an diesen AE-Titel gerichtet sind</translation>
    </message>
    <message>
        <source>Off: senders configured with another AE title for this workstation are accepted too.</source>
        <translation>Aus: Sender, die für diesen Arbeitsplatz einen anderen AE-Titel eingetragen haben, werden ebenfalls angenommen.</translation>
    </message>
    <message>
        <source>Accept only these calling AE titles</source>
        <translation>Nur diese rufenden AE-Titel annehmen</translation>
    </message>
    <message>
        <source>Calling AE title</source>
        <translation>Rufender AE-Titel</translation>
    </message>
    <message>
        <source>Host (empty or * for any)</source>
        <translation>Host (leer oder * für beliebig)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Eintrag %1: %2</translation>
    </message>
    <message>
        <source>With an empty list every association is refused: add the AE titles of the modalities and servers that send here, or switch the list off.</source>
        <translation>Bei leerer Liste wird jede Assoziation abgelehnt: Fügen Sie die AE-Titel der Modalitäten und Server hinzu, die hierher senden, oder schalten Sie die Liste aus.</translation>
    </message>
    <message>
        <source>%1 free on this disk.</source>
        <translation>%1 frei auf diesem Datenträger.</translation>
    </message>
    <message>
        <source>This folder&apos;s disk cannot be read.</source>
        <translation>Der Datenträger dieses Ordners kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The new storage folder is used from the next start of Lightbox.</source>
        <translation>Der neue Speicherordner wird ab dem nächsten Start von Lightbox verwendet.</translation>
    </message>
    <message>
        <source>A change takes effect at the next start of Lightbox.</source>
        <translation>Eine Änderung wird beim nächsten Start von Lightbox wirksam.</translation>
    </message>
    <message>
        <source>Storage folder</source>
        <translation>Speicherordner</translation>
    </message>
</context>
<context>
    <name>lightbox::OutboundController</name>
    <message>
        <source>Sen&amp;d to</source>
        <translation>&amp;Senden an</translation>
    </message>
    <message>
        <source>Send Series to</source>
        <translation>Serie senden an</translation>
    </message>
    <message>
        <source>&amp;Retrieve</source>
        <translation>Ab&amp;rufen</translation>
    </message>
    <message>
        <source>Copy the selected studies from the PACS to this workstation</source>
        <translation>Ausgewählte Studien vom PACS auf diesen Arbeitsplatz kopieren</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retrieve Series</source>
        <translation>Serie abrufen</translation>
    </message>
    <message>
        <source>No destinations set up (add one in the settings)</source>
        <translation>Keine Ziele eingerichtet (fügen Sie eines in den Einstellungen hinzu)</translation>
    </message>
    <message>
        <source>&amp;Retrieve from %1</source>
        <translation>Ab&amp;rufen von %1</translation>
    </message>
    <message>
        <source>1 study</source>
        <translation>1 Studie</translation>
    </message>
    <message>
        <source>%1 studies</source>
        <translation>%1 Studien</translation>
    </message>
    <message>
        <source>Sending %1 to %2</source>
        <translation>Senden von %1 an %2</translation>
    </message>
    <message>
        <source>1 series</source>
        <translation>1 Serie</translation>
    </message>
    <message>
        <source>%1 series</source>
        <translation>%1 Serien</translation>
    </message>
    <message>
        <source>Nothing sent to %1: %2</source>
        <translation>Nichts an %1 gesendet: %2</translation>
    </message>
    <message>
        <source>Sending to %1 failed: %2</source>
        <translation>Senden an %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Sent %1 of %2 to %3 in %4 s</source>
        <extracomment>%1 images sent, %2 &quot;120 images&quot;, %3 destination name, %4 seconds</extracomment>
        <translation>%1 von %2 in %4 s an %3 gesendet</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Not sent to %1: %2 (image %3)</source>
        <translation>Nicht an %1 gesendet: %2 (Bild %3)</translation>
    </message>
    <message>
        <source>… and %1 more images not sent to %2 (see the log)</source>
        <translation>… und %1 weitere Bilder nicht an %2 gesendet (siehe Protokoll)</translation>
    </message>
    <message>
        <source>no stored images were found for it</source>
        <translation>dafür wurden keine gespeicherten Bilder gefunden</translation>
    </message>
    <message>
        <source>This study is on %1 only. Retrieve it to this workstation?</source>
        <translation>Diese Studie liegt nur auf %1. Auf diesen Arbeitsplatz abrufen?</translation>
    </message>
    <message>
        <source>These %1 studies are on %2 only. Retrieve them to this workstation?</source>
        <translation>Diese %1 Studien liegen nur auf %2. Auf diesen Arbeitsplatz abrufen?</translation>
    </message>
    <message>
        <source>Retrieve</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>Retrieving %1 from %2 (%3)</source>
        <extracomment>%1 &quot;2 studies&quot;, %2 a PACS name, %3 C-MOVE or C-GET</extracomment>
        <translation>Abrufen von %1 aus %2 (%3)</translation>
    </message>
    <message>
        <source>Retrieving from %1 failed: %2</source>
        <translation>Abruf aus %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Retrieved %1 from %2 in %3 s</source>
        <extracomment>%1 &quot;120 images&quot;, %2 a PACS name, %3 seconds</extracomment>
        <translation>%1 in %3 s aus %2 abgerufen</translation>
    </message>
    <message>
        <source>(%1 failed)</source>
        <translation>(%1 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Not retrieved from %1: %2</source>
        <translation>Nicht aus %1 abgerufen: %2</translation>
    </message>
</context>
<context>
    <name>lightbox::OutboundJobs</name>
    <message>
        <source>&quot;%1&quot; is a DICOMweb destination: sending there goes through sync, not C-STORE</source>
        <translation>„%1“ ist ein DICOMweb-Ziel: Das Senden dorthin erfolgt über die Synchronisation, nicht über C-STORE</translation>
    </message>
    <message>
        <source>Sending to %1</source>
        <translation>Senden an %1</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>not sent: cancelled</source>
        <translation>nicht gesendet: abgebrochen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a DICOMweb destination: retrieving from it is not supported</source>
        <translation>„%1“ ist ein DICOMweb-Ziel: Abrufen von dort wird nicht unterstützt</translation>
    </message>
    <message>
        <source>nothing to retrieve: no study given</source>
        <translation>nichts abzurufen: keine Studie angegeben</translation>
    </message>
    <message>
        <source>retrieving by C-GET needs a place to store the instances (no ingest given)</source>
        <translation>Abruf per C-GET benötigt einen Ablageort für die Instanzen (kein Speicherziel angegeben)</translation>
    </message>
    <message>
        <source>Retrieving from %1</source>
        <translation>Abruf aus %1</translation>
    </message>
</context>
<context>
    <name>lightbox::RemoteSeriesPanel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Körperregion</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Asking %1 for the series…</source>
        <translation>Serien werden bei %1 abgefragt…</translation>
    </message>
    <message>
        <source>The series could not be listed: %1</source>
        <translation>Die Serien konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Double-click to retrieve this series</source>
        <translation>Doppelklicken, um diese Serie abzurufen</translation>
    </message>
    <message>
        <source>1 series</source>
        <translation>1 Serie</translation>
    </message>
    <message>
        <source>%1 series</source>
        <translation>%1 Serien</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>%1 · %2 on %3</source>
        <extracomment>%1 &quot;3 series&quot;, %2 &quot;120 images&quot;, %3 a PACS name</extracomment>
        <translation>%1 · %2 auf %3</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
</context>
<context>
    <name>lightbox::RenderCommand</name>
    <message>
        <source>PNG file to write.</source>
        <translation>Zu schreibende PNG-Datei.</translation>
    </message>
    <message>
        <source>Frame to render, from 1 (default 1).</source>
        <translation>Zu rendernder Frame, ab 1 (Standard: 1).</translation>
    </message>
    <message>
        <source>Window width.</source>
        <translation>Fensterbreite.</translation>
    </message>
    <message>
        <source>Window level (centre).</source>
        <translation>Fensterlage (Zentrum).</translation>
    </message>
    <message>
        <source>Show the image inverted.</source>
        <translation>Bild invertiert anzeigen.</translation>
    </message>
    <message>
        <source>DICOM image file.</source>
        <translation>DICOM-Bilddatei.</translation>
    </message>
    <message>
        <source>render needs exactly one DICOM file, e.g. lightbox render image.dcm --out image.png</source>
        <translation>render benötigt genau eine DICOM-Datei, z. B. lightbox render image.dcm --out image.png</translation>
    </message>
    <message>
        <source>render needs --out FILE.png</source>
        <translation>render benötigt --out FILE.png</translation>
    </message>
    <message>
        <source>--window and --level go together: give both or neither</source>
        <translation>--window und --level gehören zusammen: Geben Sie beide oder keines von beiden an</translation>
    </message>
    <message>
        <source>--frame must be a number from 1</source>
        <translation>--frame muss eine Zahl ab 1 sein</translation>
    </message>
    <message>
        <source>--window must be a positive number</source>
        <translation>--window muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>--level must be a number</source>
        <translation>--level muss eine Zahl sein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 has %2 frames; --frame %3 does not exist</source>
        <translation>%1 hat %2 Frames; --frame %3 existiert nicht</translation>
    </message>
    <message>
        <source>%1: the image could not be rendered</source>
        <translation>%1: Das Bild konnte nicht gerendert werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>lightbox::SeriesGeometry</name>
    <message>
        <source>1 slice</source>
        <translation>1 Schicht</translation>
    </message>
    <message>
        <source>%1 slices</source>
        <translation>%1 Schichten</translation>
    </message>
    <message>
        <source>axial</source>
        <translation>axial</translation>
    </message>
    <message>
        <source>coronal</source>
        <translation>koronar</translation>
    </message>
    <message>
        <source>sagittal</source>
        <translation>sagittal</translation>
    </message>
    <message>
        <source>oblique</source>
        <translation>schräg</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>The series mixes %1 slice orientations: %2. Only the %3 of the most common orientation (%4) are shown.</source>
        <translation>Die Serie enthält gemischte Orientierungen (%1 verschiedene): %2. Angezeigt wird nur die häufigste Orientierung (%4) mit %3.</translation>
    </message>
    <message>
        <source>%1 × %2 pixels: %3</source>
        <translation>%1 × %2 Pixel: %3</translation>
    </message>
    <message>
        <source>The images of this series differ in size: %1. Only the %2 of %3 × %4 pixels are shown.</source>
        <translation>Die Bilder dieser Serie sind unterschiedlich groß: %1. Angezeigt werden nur die Bilder mit %3 × %4 Pixeln (%2).</translation>
    </message>
    <message>
        <source>1 image repeats a position already in the stack (instance number %1); it is left out.</source>
        <translation>1 Bild wiederholt eine bereits im Stapel vorhandene Position (Instanznummer %1); es wird ausgelassen.</translation>
    </message>
    <message>
        <source>%1 images repeat positions already in the stack (instance numbers %2); they are left out.</source>
        <translation>%1 Bilder wiederholen bereits im Stapel vorhandene Positionen (Instanznummern %2); sie werden ausgelassen.</translation>
    </message>
    <message>
        <source>The slices are not evenly spaced: the gap between slices %1 and %2 (at %3 mm and %4 mm) is %5 mm, where %6 mm is usual. Distances across slices and 3D views may be wrong there.</source>
        <translation>Unregelmäßiger Schichtabstand: Der Abstand zwischen den Schichten %1 und %2 (bei %3 mm und %4 mm) beträgt %5 mm, üblich sind %6 mm. Distanzen über mehrere Schichten und 3D-Ansichten können dort falsch sein.</translation>
    </message>
    <message>
        <source>Some images have no position or orientation, so the slices are ordered by instance number and assumed to be %1 mm apart. Check the order before measuring across slices.</source>
        <translation>Einige Bilder haben keine Position oder Orientierung. Die Schichten werden daher nach Instanznummer sortiert, mit einem angenommenen Abstand von %1 mm. Prüfen Sie die Reihenfolge, bevor Sie über mehrere Schichten messen.</translation>
    </message>
    <message>
        <source>The slices are stacked %1° off the perpendicular of the image plane (gantry tilt). 2D reading is fine; 3D views and distances across slices are not exact.</source>
        <translation>Die Schichten sind um %1° gegen die Senkrechte zur Bildebene geneigt gestapelt (Gantry-Kippung). Für die 2D-Befundung ist das unerheblich; 3D-Ansichten und Abstände über Schichten hinweg sind nicht exakt.</translation>
    </message>
</context>
<context>
    <name>lightbox::SeriesListModel</name>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>no preview</source>
        <translation>keine Vorschau</translation>
    </message>
</context>
<context>
    <name>lightbox::SeriesPanel</name>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>1 series</source>
        <translation>1 Serie</translation>
    </message>
    <message>
        <source>%1 series</source>
        <translation>%1 Serien</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
</context>
<context>
    <name>lightbox::SettingsDialog</name>
    <message>
        <source>Enter a port: a number from 1 to 65535.</source>
        <translation>Geben Sie einen Port ein: eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: use a number from 1 to 65535.</source>
        <translation>„%1“ ist kein Port: Verwenden Sie eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>%1 wird aufgelöst…</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; cannot be found: check the name, or enter the IP address.</source>
        <translation>Host „%1“ wurde nicht gefunden: Prüfen Sie den Namen oder geben Sie die IP-Adresse ein.</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gefunden: %1</translation>
    </message>
    <message>
        <source>Lightbox Settings</source>
        <translation>Lightbox-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Local Node</source>
        <translation>&amp;Lokaler Knoten</translation>
    </message>
    <message>
        <source>&amp;Destinations</source>
        <translation>&amp;Ziele</translation>
    </message>
    <message>
        <source>Correct the fields marked in red first.</source>
        <translation>Korrigieren Sie zuerst die rot markierten Felder.</translation>
    </message>
    <message>
        <source>The listener could not be restarted: %1. It keeps receiving as %2 on port %3; nothing was saved.</source>
        <translation>Der Empfangsdienst konnte nicht neu gestartet werden: %1. Er empfängt weiterhin als %2 auf Port %3; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Receiving as %1 on port %2.</source>
        <translation>Empfang als %1 auf Port %2.</translation>
    </message>
    <message>
        <source>The listener settings apply at the next start.</source>
        <translation>Die Einstellungen des Empfangsdienstes gelten ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>The new storage folder is used from the next start of Lightbox.</source>
        <translation>Der neue Speicherordner wird ab dem nächsten Start von Lightbox verwendet.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>lightbox::StudyBrowser</name>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>1 study</source>
        <translation>1 Studie</translation>
    </message>
    <message>
        <source>%1 studies</source>
        <translation>%1 Studien</translation>
    </message>
    <message>
        <source>No studies match this search.</source>
        <translation>Keine Studien entsprechen dieser Suche.</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message>
        <source>%1 could not be searched: %2</source>
        <translation>%1 konnte nicht durchsucht werden: %2</translation>
    </message>
    <message>
        <source>Nothing listed: %1 did not answer (see above). Check its address in the settings, or choose Local to search this workstation.</source>
        <translation>Nichts aufgelistet: %1 hat nicht geantwortet (siehe oben). Prüfen Sie die Adresse in den Einstellungen oder wählen Sie „Lokal“, um diesen Arbeitsplatz zu durchsuchen.</translation>
    </message>
    <message>
        <source>Type a name, patient ID or accession, or choose a study date or modality, to search %1. (To list every study it holds, search for *.)</source>
        <translation>Geben Sie einen Namen, eine Patienten-ID oder Auftragsnummer ein oder wählen Sie ein Studiendatum oder eine Modalität, um %1 zu durchsuchen. (Um alle dort vorhandenen Studien aufzulisten, suchen Sie nach *.)</translation>
    </message>
    <message>
        <source>No studies on %1 match this search.</source>
        <translation>Keine Studien auf %1 entsprechen dieser Suche.</translation>
    </message>
    <message>
        <source>%1 · %3 on %2, %4 already here</source>
        <extracomment>%1 &quot;12 studies&quot;, %2 a PACS name, %3 how many of its studies are on it, %4 how many of them are here too</extracomment>
        <translation>%1 · %3 auf %2, %4 bereits hier</translation>
    </message>
    <message>
        <source>Sending 480/500</source>
        <translation>Wartend 480/500</translation>
    </message>
</context>
<context>
    <name>lightbox::StudyFilterBar</name>
    <message>
        <source>Search name, patient ID or accession (wildcards * ?)</source>
        <translation>Name, Patienten-ID oder Auftragsnummer suchen (Platzhalter * ?)</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Beliebiges Datum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Benutzerdefinierter Zeitraum…</translation>
    </message>
    <message>
        <source>All modalities</source>
        <translation>Alle Modalitäten</translation>
    </message>
    <message>
        <source>Study date:</source>
        <translation>Studiendatum:</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>Modalität:</translation>
    </message>
    <message>
        <source>Where to search: this workstation, or a PACS set up for query/retrieve</source>
        <translation>Suchort: dieser Arbeitsplatz oder ein für Abfragen/Abrufen eingerichtetes PACS</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>Entfernt: %1</translation>
    </message>
    <message>
        <source>Local + %1</source>
        <translation>Lokal + %1</translation>
    </message>
</context>
<context>
    <name>lightbox::StudyListModel</name>
    <message>
        <source>Patient name</source>
        <translation>Patientenname</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalitäten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>lightbox::StudySyncStates</name>
    <message>
        <source>%1 %2/%3</source>
        <extracomment>%1 &quot;Sending&quot; or &quot;Pending&quot;, %2 images on the remote, %3 images to sync</extracomment>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>%1 of %2 images sent.</source>
        <extracomment>%1 images on the remote, %2 images to sync</extracomment>
        <translation>%1 von %2 Bildern gesendet.</translation>
    </message>
    <message>
        <source>All %1 images are on the sync destination, and it confirmed holding them (verified).</source>
        <translation>Alle %1 Bilder sind auf dem Synchronisationsziel, und es hat bestätigt, dass es sie vorhält (verifiziert).</translation>
    </message>
    <message>
        <source>All %1 images are on the sync destination.</source>
        <translation>Alle %1 Bilder sind auf dem Synchronisationsziel.</translation>
    </message>
    <message>
        <source>Sending now: %1</source>
        <translation>Wird gerade gesendet: %1</translation>
    </message>
    <message>
        <source>Queued for sync: %1</source>
        <translation>Zur Synchronisation eingereiht: %1</translation>
    </message>
    <message>
        <source>%1
Retrying at %2 — %3</source>
        <extracomment>%1 counts (&quot;480 of 500 images sent.&quot;), %2 a time (14:02:11), %3 why the last try failed</extracomment>
        <translation>%1
Neuer Versuch um %2 — %3</translation>
    </message>
    <message>
        <source>%1
Waiting to retry — %2</source>
        <extracomment>%1 counts (&quot;480 of 500 images sent.&quot;), %2 why the last try failed</extracomment>
        <translation>%1
Wartet auf neuen Versuch — %2</translation>
    </message>
    <message>
        <source>%1 of %2 images could not be sent: %3</source>
        <translation>%1 von %2 Bildern konnten nicht gesendet werden: %3</translation>
    </message>
    <message>
        <source>no reason was given</source>
        <extracomment>%1 images that failed, %2 images to sync, %3 the reason, in plain words</extracomment>
        <translation>es wurde kein Grund angegeben</translation>
    </message>
    <message>
        <source>%1 more queued.</source>
        <translation>%1 weitere eingereiht.</translation>
    </message>
    <message>
        <source>Fix the destination (Settings ▸ Destinations), then use Sync ▸ Retry Failed.</source>
        <translation>Korrigieren Sie das Ziel (Einstellungen ▸ Ziele) und wählen Sie dann Synchronisation ▸ Fehlgeschlagene erneut senden.</translation>
    </message>
    <message>
        <source>%1 of %2 copies sent (to %3 destinations).</source>
        <extracomment>%1 copies sent, %2 copies to send, %3 sync destinations (one copy per image and destination)</extracomment>
        <translation>%1 von %2 Kopien gesendet (an %3 Ziele).</translation>
    </message>
    <message>
        <source>All %1 copies are on the %2 sync destinations, and they confirmed holding them (verified).</source>
        <translation>Alle %1 Kopien sind auf den %2 Synchronisationszielen, und diese haben bestätigt, dass sie sie vorhalten (verifiziert).</translation>
    </message>
    <message>
        <source>All %1 copies are on the %2 sync destinations.</source>
        <translation>Alle %1 Kopien sind auf den %2 Synchronisationszielen.</translation>
    </message>
    <message>
        <source>%1 of %2 copies (to %3 destinations) could not be sent: %4</source>
        <translation>%1 von %2 Kopien (an %3 Ziele) konnten nicht gesendet werden: %4</translation>
    </message>
</context>
<context>
    <name>lightbox::Sync</name>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>the instance is no longer stored here</source>
        <translation>die Instanz ist hier nicht mehr gespeichert</translation>
    </message>
    <message>
        <source>cannot read the stored password: %1</source>
        <translation>das gespeicherte Passwort kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no password or token is stored for &quot;%1&quot;: enter it in Settings ▸ Destinations</source>
        <translation>für „%1“ ist kein Passwort oder Token gespeichert: Geben Sie es unter Einstellungen ▸ Ziele ein</translation>
    </message>
</context>
<context>
    <name>lightbox::SyncCommands</name>
    <message>
        <source>Queue every stored instance the sync rules select that is not on the remote.</source>
        <translation>Jede gespeicherte Instanz einreihen, die die Synchronisationsregeln auswählen und die noch nicht auf der Gegenstelle ist.</translation>
    </message>
    <message>
        <source>Print how syncing stands.</source>
        <translation>Den Stand der Synchronisation ausgeben.</translation>
    </message>
    <message>
        <source>Queue the failed instances again.</source>
        <translation>Die fehlgeschlagenen Instanzen erneut einreihen.</translation>
    </message>
    <message>
        <source>Sync this study now (again if already synced).</source>
        <translation>Diese Studie jetzt synchronisieren (erneut, falls bereits synchronisiert).</translation>
    </message>
    <message>
        <source>With --retry-failed: only this destination.</source>
        <translation>Mit --retry-failed: nur dieses Ziel.</translation>
    </message>
    <message>
        <source>Wait until nothing is left to send (always so when no Lightbox runs).</source>
        <translation>Warten, bis nichts mehr zu senden ist (immer, wenn keine Lightbox läuft).</translation>
    </message>
    <message>
        <source>Seconds to wait at most (default 3600).</source>
        <translation>Maximale Wartezeit in Sekunden (Standard: 3600).</translation>
    </message>
    <message>
        <source>Storage folder.</source>
        <translation>Speicherordner.</translation>
    </message>
    <message>
        <source>usage: lightbox sync --all | --status | --retry-failed [--destination NAME] | --study UID... [--wait] [--timeout S]</source>
        <translation>Aufruf: lightbox sync --all | --status | --retry-failed [--destination NAME] | --study UID... [--wait] [--timeout S]</translation>
    </message>
    <message>
        <source>no sync destination called &quot;%1&quot; (see lightbox destination list)</source>
        <translation>kein Synchronisationsziel namens „%1“ (siehe lightbox destination list)</translation>
    </message>
    <message>
        <source>no Lightbox storage at %1</source>
        <translation>kein Lightbox-Speicher unter %1</translation>
    </message>
    <message>
        <source>cannot read the index: %1</source>
        <translation>der Index kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no destination has the sync role: add one with `lightbox destination add NAME AET@HOST:PORT --roles sync`</source>
        <translation>kein Ziel hat die Rolle sync: Fügen Sie eines hinzu mit `lightbox destination add NAME AET@HOST:PORT --roles sync`</translation>
    </message>
    <message>
        <source>queued; the running Lightbox sends them</source>
        <translation>eingereiht; die laufende Lightbox sendet sie</translation>
    </message>
    <message>
        <source>still sending after %1 s</source>
        <translation>nach %1 s wird noch gesendet</translation>
    </message>
    <message>
        <source>not everything is on the remote: see &quot;lastError&quot; and &quot;failedStudies&quot; above</source>
        <translation>nicht alles ist auf der Gegenstelle: siehe &quot;lastError&quot; und &quot;failedStudies&quot; oben</translation>
    </message>
</context>
<context>
    <name>lightbox::SyncController</name>
    <message>
        <source>Sync &amp;Now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Queued %1 for sync</source>
        <translation>Zur Synchronisation eingereiht: %1</translation>
    </message>
    <message>
        <source>Nothing to sync: no sync destination&apos;s rules select these studies</source>
        <translation>Nichts zu synchronisieren: Die Regeln keines Synchronisationsziels wählen diese Studien aus</translation>
    </message>
    <message>
        <source>Sync &amp;All</source>
        <translation>&amp;Alle synchronisieren</translation>
    </message>
    <message>
        <source>Nothing to sync: every image the sync rules select is queued or on the destination already</source>
        <translation>Nichts zu synchronisieren: Jedes Bild, das die Synchronisationsregeln auswählen, ist bereits eingereiht oder auf dem Ziel</translation>
    </message>
    <message>
        <source>&amp;Retry Failed</source>
        <translation>&amp;Fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <source>Queued %1 that had failed for sync again</source>
        <translation>Fehlgeschlagene erneut zur Synchronisation eingereiht: %1</translation>
    </message>
    <message>
        <source>Nothing to retry: no image failed to sync</source>
        <translation>Nichts zu wiederholen: Kein Bild ist bei der Synchronisation fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sync &amp;Destinations…</source>
        <translation>Synchronisations&amp;ziele…</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>No destination has the Sync role: add one, or give one that role, in Settings ▸ Destinations</source>
        <translation>Kein Ziel hat die Rolle Synchronisieren: Fügen Sie unter Einstellungen ▸ Ziele eines hinzu oder weisen Sie einem Ziel diese Rolle zu</translation>
    </message>
    <message>
        <source>Select the studies to sync first</source>
        <translation>Wählen Sie zuerst die zu synchronisierenden Studien aus</translation>
    </message>
    <message>
        <source>Send the selected studies to the sync destinations now, also what was sent before</source>
        <translation>Die ausgewählten Studien jetzt an die Synchronisationsziele senden, auch bereits Gesendetes</translation>
    </message>
    <message>
        <source>Queue every stored image the sync rules select that is not on the destination yet</source>
        <translation>Jedes gespeicherte Bild einreihen, das die Synchronisationsregeln auswählen und das noch nicht auf dem Ziel ist</translation>
    </message>
    <message>
        <source>Queue the %1 that failed again</source>
        <translation>Fehlgeschlagene erneut einreihen: %1</translation>
    </message>
    <message>
        <source>Nothing has failed</source>
        <translation>Nichts ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sync: %1 queued · %2 sent · %3 failed</source>
        <extracomment>%1 images waiting, %2 images on the sync destination, %3 images that failed</extracomment>
        <translation>Synchronisation: %1 wartend · %2 gesendet · %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <extracomment>%1 the totals, %2 a destination name, %3 why it waits or failed</extracomment>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>%1 — sending</source>
        <translation>%1 — wird gesendet</translation>
    </message>
    <message>
        <source>%1: %2 queued, %3 sent, %4 failed</source>
        <extracomment>%1 a destination, %2 images waiting, %3 images sent, %4 images failed</extracomment>
        <translation>%1: %2 wartend, %3 gesendet, %4 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Click for Sync All, Retry Failed and the sync destinations.</source>
        <translation>Klicken für „Alle synchronisieren“, „Fehlgeschlagene erneut senden“ und die Synchronisationsziele.</translation>
    </message>
    <message>
        <source>The sync queue could not be changed: the index cannot be written (see the log)</source>
        <translation>Die Synchronisations-Warteschlange konnte nicht geändert werden: Der Index kann nicht geschrieben werden (siehe Protokoll)</translation>
    </message>
</context>
<context>
    <name>lightbox::SyncService</name>
    <message>
        <source>waiting: %1 (next try in %2 s)</source>
        <translation>wartet: %1 (nächster Versuch in %2 s)</translation>
    </message>
    <message>
        <source>cannot verify what the remote holds: %1</source>
        <translation>es kann nicht geprüft werden, was die Gegenstelle vorhält: %1</translation>
    </message>
    <message>
        <source>not found on the remote after sending</source>
        <translation>nach dem Senden nicht auf der Gegenstelle gefunden</translation>
    </message>
</context>
<context>
    <name>lightbox::ThumbnailCache</name>
    <message>
        <source>The series has no stored image to make a thumbnail from.</source>
        <translation>Die Serie enthält kein gespeichertes Bild, aus dem eine Miniatur erstellt werden kann.</translation>
    </message>
</context>
<context>
    <name>lightbox::ThumbnailRenderer</name>
    <message>
        <source>The thumbnail size must be at least one pixel.</source>
        <translation>Die Miniaturgröße muss mindestens ein Pixel betragen.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The file is not readable as DICOM (%1).</source>
        <translation>Die Datei kann nicht als DICOM gelesen werden (%1).</translation>
    </message>
    <message>
        <source>The file holds no image (no pixel data).</source>
        <translation>Die Datei enthält kein Bild (keine Pixeldaten).</translation>
    </message>
    <message>
        <source>The image has no rows or columns.</source>
        <translation>Das Bild hat keine Zeilen oder Spalten.</translation>
    </message>
    <message>
        <source>The image is too large for a thumbnail.</source>
        <translation>Das Bild ist zu groß für eine Miniatur.</translation>
    </message>
    <message>
        <source>The image cannot be decoded (%1).</source>
        <translation>Das Bild kann nicht dekodiert werden (%1).</translation>
    </message>
    <message>
        <source>The image has no frames.</source>
        <translation>Das Bild enthält keine Frames.</translation>
    </message>
    <message>
        <source>Not enough memory for the thumbnail.</source>
        <translation>Nicht genügend Arbeitsspeicher für die Miniatur.</translation>
    </message>
    <message>
        <source>The image cannot be decoded.</source>
        <translation>Das Bild kann nicht dekodiert werden.</translation>
    </message>
</context>
<context>
    <name>lightbox::TransferCommands</name>
    <message>
        <source>Files, folders, DICOMDIRs or zip archives.</source>
        <translation>Dateien, Ordner, DICOMDIRs oder ZIP-Archive.</translation>
    </message>
    <message>
        <source>import needs at least one file or folder</source>
        <translation>import benötigt mindestens eine Datei oder einen Ordner</translation>
    </message>
    <message>
        <source>Target folder (empty or new).</source>
        <translation>Zielordner (leer oder neu).</translation>
    </message>
    <message>
        <source>Write de-identified copies.</source>
        <translation>Anonymisierte Kopien schreiben.</translation>
    </message>
    <message>
        <source>Patient name of anonymized copies.</source>
        <translation>Patientenname der anonymisierten Kopien.</translation>
    </message>
    <message>
        <source>Patient ID of anonymized copies.</source>
        <translation>Patienten-ID der anonymisierten Kopien.</translation>
    </message>
    <message>
        <source>Study Instance UIDs to export.</source>
        <translation>Zu exportierende Study Instance UIDs.</translation>
    </message>
    <message>
        <source>export needs at least one Study Instance UID</source>
        <translation>export benötigt mindestens eine Study Instance UID</translation>
    </message>
    <message>
        <source>export needs a target folder: --out DIR</source>
        <translation>export benötigt einen Zielordner: --out DIR</translation>
    </message>
</context>
<context>
    <name>lightbox::TransferController</name>
    <message>
        <source>Import DICOM files</source>
        <translation>DICOM-Dateien importieren</translation>
    </message>
    <message>
        <source>DICOM files, DICOMDIR and zip archives (*.dcm *.DCM DICOMDIR *.zip *.ZIP);;All files (*)</source>
        <translation>DICOM-Dateien, DICOMDIR und ZIP-Archive (*.dcm *.DCM DICOMDIR *.zip *.ZIP);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Ordner importieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>The storage is not open, so nothing can be imported.</source>
        <translation>Der Speicher ist nicht geöffnet, daher kann nichts importiert werden.</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <source>Importing %1 items</source>
        <translation>%1 Elemente werden importiert</translation>
    </message>
    <message>
        <source>%1 imported, %2 already stored, %3 skipped</source>
        <translation>%1 importiert, %2 bereits gespeichert, %3 übersprungen</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Import skipped %1: %2</source>
        <translation>Beim Import übersprungen: %1 (%2)</translation>
    </message>
    <message>
        <source>Export anonymized to folder</source>
        <translation>Anonymisiert in Ordner exportieren</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>Exporting %1 anonymized to %2</source>
        <translation>Exportiere %1 anonymisiert nach %2</translation>
    </message>
    <message>
        <source>Exporting %1 to %2</source>
        <translation>Exportiere %1 nach %2</translation>
    </message>
    <message>
        <source>%1 exported to %2</source>
        <translation>%1 exportiert nach %2</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>(%1 could not be written)</source>
        <translation>(%1 nicht geschrieben)</translation>
    </message>
</context>
<context>
    <name>lightbox::UnifiedStudyModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Stored on this workstation only</source>
        <translation>Nur auf diesem Arbeitsplatz gespeichert</translation>
    </message>
    <message>
        <source>On %1 only: retrieve it to open it here</source>
        <translation>Nur auf %1: Rufen Sie die Studie ab, um sie hier zu öffnen</translation>
    </message>
    <message>
        <source>Stored here and on %1</source>
        <translation>Hier und auf %1 gespeichert</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Beide</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
</context>
<context>
    <name>lightbox::ViewApp</name>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>%1 Datei(en) werden importiert…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>The images could not be imported:

%1</source>
        <translation>Die Bilder konnten nicht importiert werden:

%1</translation>
    </message>
    <message>
        <source>%1 imported, %2 already stored, %3 skipped.</source>
        <translation>%1 importiert, %2 bereits gespeichert, %3 übersprungen.</translation>
    </message>
    <message>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <source>No DICOM images were found in:
%1</source>
        <translation>Keine DICOM-Bilder gefunden in:
%1</translation>
    </message>
</context>
<context>
    <name>lightbox::ViewerWindow</name>
    <message>
        <source>%1 — %2 — Lightbox</source>
        <translation>%1 — %2 — Lightbox</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>1×1</source>
        <translation>1×1</translation>
    </message>
    <message>
        <source>1×2</source>
        <translation>1×2</translation>
    </message>
    <message>
        <source>2×1</source>
        <translation>2×1</translation>
    </message>
    <message>
        <source>2×2</source>
        <translation>2×2</translation>
    </message>
    <message>
        <source>Layout %1 (%2)</source>
        <translation>Layout %1 (%2)</translation>
    </message>
    <message>
        <source>Window/level presets (keys 1–9)</source>
        <translation>Voreinstellungen für Fensterbreite/-lage (Tasten 1–9)</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>W/L</source>
        <translation>F/L</translation>
    </message>
    <message>
        <source>Scroll</source>
        <translation>Blättern</translation>
    </message>
    <message>
        <source>%1 with the left button (%2); the right button always sets window/level</source>
        <translation>%1 mit der linken Maustaste (%2); die rechte Maustaste stellt immer Fensterbreite/-lage ein</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distanz</translation>
    </message>
    <message>
        <source>Drag to measure a distance in mm</source>
        <translation>Ziehen, um eine Distanz in mm zu messen</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <source>Click three points; the second is the vertex</source>
        <translation>Drei Punkte anklicken; der zweite ist der Scheitelpunkt</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Drag an elliptical region: mean, SD, min, max and area</source>
        <translation>Elliptische Region aufziehen: Mittelwert, SA, Min, Max und Fläche</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Drag a rectangular region: mean, SD, min, max and area</source>
        <translation>Rechteckige Region aufziehen: Mittelwert, SA, Min, Max und Fläche</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Pixelwert</translation>
    </message>
    <message>
        <source>Click to read the pixel value</source>
        <translation>Klicken, um den Pixelwert abzulesen</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Drehen</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Spiegeln</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Invertieren</translation>
    </message>
    <message>
        <source>Cine</source>
        <translation>Cine</translation>
    </message>
    <message>
        <source>Play the stack or the frames (Space)</source>
        <translation>Stapel oder Frames abspielen (Leertaste)</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchron</translation>
    </message>
    <message>
        <source>Scroll series that share a frame of reference together</source>
        <translation>Serien mit gemeinsamem Frame of Reference synchron blättern</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Priors</source>
        <translation>Voraufnahmen</translation>
    </message>
    <message>
        <source>Open the other studies of this patient beside this one</source>
        <translation>Die anderen Studien dieses Patienten neben dieser Studie öffnen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Store these images in Lightbox</source>
        <translation>Diese Bilder in Lightbox speichern</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>Drag onto a viewport, or double-click to show it in the active one</source>
        <translation>Auf ein Bildfeld ziehen oder doppelklicken, um sie im aktiven Bildfeld anzuzeigen</translation>
    </message>
    <message>
        <source>Window presets</source>
        <translation>Fenstervoreinstellungen</translation>
    </message>
    <message>
        <source>From file: %1/%2</source>
        <translation>Aus Datei: %1/%2</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Save view as PNG</source>
        <translation>Ansicht als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Save PNG</source>
        <translation>Als PNG speichern</translation>
    </message>
    <message>
        <source>The image could not be written to %1.</source>
        <translation>Das Bild konnte nicht in %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>The view is on the clipboard.</source>
        <translation>Die Ansicht wurde in die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>lightbox::ViewportOverlay</name>
    <message>
        <source>%1 cm</source>
        <translation>%1 cm</translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
</context>
<context>
    <name>lightbox::ViewportPane</name>
    <message>
        <source>Drag a series here</source>
        <translation>Serie hierher ziehen</translation>
    </message>
    <message>
        <source>This series cannot be shown: %1</source>
        <translation>Diese Serie kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>%1 · loading…</source>
        <translation>%1 · wird geladen…</translation>
    </message>
    <message>
        <source>%1 · loading %2 %</source>
        <translation>%1 · lade %2 %</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
</context>
<context>
    <name>lightbox::VolumeLoader</name>
    <message>
        <source>colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>unsigned 8-bit</source>
        <translation>8 Bit ohne Vorzeichen</translation>
    </message>
    <message>
        <source>signed 8-bit</source>
        <translation>8 Bit mit Vorzeichen</translation>
    </message>
    <message>
        <source>unsigned 16-bit</source>
        <translation>16 Bit ohne Vorzeichen</translation>
    </message>
    <message>
        <source>signed 16-bit</source>
        <translation>16 Bit mit Vorzeichen</translation>
    </message>
    <message>
        <source>unsigned 32-bit</source>
        <translation>32 Bit ohne Vorzeichen</translation>
    </message>
    <message>
        <source>signed 32-bit</source>
        <translation>32 Bit mit Vorzeichen</translation>
    </message>
    <message>
        <source>floating-point</source>
        <translation>Gleitkomma</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Its pixels are %1 where the rest of the series is %2; it is left out.</source>
        <translation>Ihr Pixelformat (%1) weicht von dem der übrigen Serie (%2) ab; die Datei wird ausgelassen.</translation>
    </message>
    <message>
        <source>Its pixels are %1 where the series shown is %2.</source>
        <translation>Ihr Pixelformat (%1) weicht von dem der angezeigten Serie (%2) ab.</translation>
    </message>
    <message>
        <source>It is %1 × %2 pixels where the series shown is %3 × %4.</source>
        <translation>Sie hat %1 × %2 Pixel, die angezeigte Serie %3 × %4.</translation>
    </message>
    <message>
        <source>It is %1 where the series shown is %2.</source>
        <translation>Sie ist %1 ausgerichtet, die angezeigte Serie %2.</translation>
    </message>
    <message>
        <source>It does not fit the series shown and is left out. %1</source>
        <translation>Die Datei passt nicht zur angezeigten Serie und wird ausgelassen. %1</translation>
    </message>
    <message>
        <source>The slices store their values with different rescale slopes or intercepts (slopes %1 to %2). Each slice&apos;s own values are used for readouts, but one window applies to all slices: some may look brighter or darker than they are.</source>
        <translation>Die Schichten speichern ihre Werte mit unterschiedlichen Rescale Slopes oder Intercepts (Slopes %1 bis %2). Messwerte verwenden die Werte der jeweiligen Schicht, aber ein Fenster gilt für alle Schichten: Manche können heller oder dunkler erscheinen, als sie sind.</translation>
    </message>
    <message>
        <source>The image cannot be decoded.</source>
        <translation>Das Bild kann nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>Frame %1: %2</source>
        <translation>Frame %1: %2</translation>
    </message>
</context>
<context>
    <name>lightbox::WindowPresets</name>
    <message>
        <source>Brain</source>
        <translation>Gehirn</translation>
    </message>
    <message>
        <source>Subdural</source>
        <translation>Subdural</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>Schlaganfall</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Lunge</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>Mediastinum</translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation>Abdomen</translation>
    </message>
    <message>
        <source>Liver</source>
        <translation>Leber</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
</context>
<context>
    <name>lightbox::Workstation</name>
    <message>
        <source>Lightbox is not running; the settings apply when it starts.</source>
        <translation>Lightbox läuft nicht. Die Einstellungen werden beim Start übernommen.</translation>
    </message>
</context>
<context>
    <name>lightbox::ZipReader</name>
    <message>
        <source>cannot open the archive (%1)</source>
        <translation>Archiv kann nicht geöffnet werden (%1)</translation>
    </message>
    <message>
        <source>not a zip archive</source>
        <translation>kein ZIP-Archiv</translation>
    </message>
    <message>
        <source>not a zip archive (no central directory)</source>
        <translation>kein ZIP-Archiv (kein zentrales Verzeichnis)</translation>
    </message>
    <message>
        <source>damaged zip archive (Zip64 directory)</source>
        <translation>beschädigtes ZIP-Archiv (Zip64-Verzeichnis)</translation>
    </message>
    <message>
        <source>damaged zip archive (directory out of range)</source>
        <translation>beschädigtes ZIP-Archiv (Verzeichnis außerhalb des gültigen Bereichs)</translation>
    </message>
    <message>
        <source>damaged zip archive (short directory)</source>
        <translation>beschädigtes ZIP-Archiv (Verzeichnis unvollständig)</translation>
    </message>
    <message>
        <source>damaged zip archive (directory entry %1)</source>
        <translation>beschädigtes ZIP-Archiv (Verzeichniseintrag %1)</translation>
    </message>
    <message>
        <source>encrypted in the zip archive</source>
        <translation>im ZIP-Archiv verschlüsselt</translation>
    </message>
    <message>
        <source>packed with an unsupported zip method (%1)</source>
        <translation>mit einer nicht unterstützten ZIP-Methode gepackt (%1)</translation>
    </message>
    <message>
        <source>damaged zip archive (entry out of range)</source>
        <translation>beschädigtes ZIP-Archiv (Eintrag außerhalb des gültigen Bereichs)</translation>
    </message>
    <message>
        <source>damaged zip archive (entry header)</source>
        <translation>beschädigtes ZIP-Archiv (Eintrags-Header)</translation>
    </message>
    <message>
        <source>damaged zip archive (entry cut short)</source>
        <translation>beschädigtes ZIP-Archiv (Eintrag abgeschnitten)</translation>
    </message>
    <message>
        <source>cannot write the unpacked file (%1)</source>
        <translation>entpackte Datei kann nicht geschrieben werden (%1)</translation>
    </message>
    <message>
        <source>cannot start unpacking (zlib)</source>
        <translation>Entpacken kann nicht gestartet werden (zlib)</translation>
    </message>
    <message>
        <source>damaged zip archive (cannot inflate an entry)</source>
        <translation>beschädigtes ZIP-Archiv (Eintrag kann nicht entpackt werden)</translation>
    </message>
    <message>
        <source>damaged zip archive (checksum mismatch)</source>
        <translation>beschädigtes ZIP-Archiv (Prüfsumme stimmt nicht)</translation>
    </message>
</context>
</TS>

#pragma once

#include "core/common/DicomNode.h"
#include "core/dicom/DicomObject.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace lightbox {

/// A kind of object to send: a SOP class in the transfer syntax the data is held in.
struct StoreContext
{
    QString sopClassUid;
    QString transferSyntaxUid;

    bool operator==(const StoreContext &) const = default;
};

/// The outcome of one C-STORE.
struct StoreResult
{
    bool responded = false; ///< The remote answered with a C-STORE response; status is its DIMSE status.
    quint16 status = 0xFFFF; ///< DIMSE status (0x0000 Success, 0xBxxx warning, others failure).
    QString sopInstanceUid;
    QString transferSyntaxUid; ///< The transfer syntax it went over the wire in.
    qint64 bytes = 0; ///< Size of the data set as sent.
    QString error; ///< Plain words when not a Success, e.g. "0xA700 refused: out of resources (...)".
    QString detail; ///< The DCMTK condition or the remote's Error Comment, for the log.

    /// True only for status 0x0000.
    bool success() const { return responded && status == 0x0000; }
    /// True for a warning status: stored, but with changes.
    bool warning() const { return responded && ((status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116); }
};

/// Storage SCU: sends instances to a remote node with C-STORE over one association. Blocking; use it off the
/// GUI thread, one object per thread. For every SOP class it proposes the uncompressed syntaxes (Explicit and
/// Implicit VR Little Endian) and, in a context of its own, the data's own transfer syntax; an instance goes as it
/// is when the remote accepted that, else it is converted to what the remote accepted when it can be
/// (decompressed with the decoders DCMTK has registered).
class StoreScu
{
public:
    StoreScu();
    /// Aborts an association still open.
    ~StoreScu();
    StoreScu(const StoreScu &) = delete;
    StoreScu &operator=(const StoreScu &) = delete;

    /// Opens an association to @p remote (releasing one still open).
    /// @param remote the node to send to.
    /// @param callingAe our AE title as the remote will see it.
    /// @param contexts the kinds of objects that will be sent; duplicates are merged. At most 128 presentation
    ///        contexts fit in one association: one per SOP class, plus one per other syntax than explicit VR
    ///        little endian that its data is held in (compressed, implicit VR, big endian).
    /// @param error set to the reason in plain words on failure ("connection refused: ...").
    /// @param timeoutSeconds for connecting and for each answer of the remote.
    /// @return true when the association is open and the remote accepted at least one context.
    bool connect(const DicomNode &remote, const QString &callingAe, const QList<StoreContext> &contexts,
                 QString *error = nullptr, int timeoutSeconds = 30);

    /// True while an association is open.
    bool isConnected() const;

    /// Marks the following C-STOREs as sub-operations of a C-MOVE: they carry Move Originator AE Title and
    /// Message ID (0000,1030 / 0000,1031), so the destination can tell which request they belong to.
    void setMoveOriginator(const QString &aeTitle, quint16 messageId);

    /// Sends a DICOM file (Part 10 or a bare data set). Large elements are read from the file as they are sent.
    /// @return the outcome; a network failure also closes the association (isConnected() becomes false).
    StoreResult send(const QString &filePath);

    /// Sends an in-memory object. It may be converted in place to the accepted transfer syntax.
    /// @return the outcome; a network failure also closes the association (isConnected() becomes false).
    StoreResult send(const DicomObject &object);

    /// Releases the association (A-RELEASE). @return false if the remote did not confirm (it was aborted then).
    bool release();

    /// Aborts the association (A-ABORT), if one is open.
    void abort();

    /// Reads the SOP Class and transfer syntax of a file from its header, to build the contexts for connect().
    /// @return the context, or std::nullopt with @p error set when the file is not readable DICOM.
    static std::optional<StoreContext> contextOf(const QString &filePath, QString *error = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace lightbox

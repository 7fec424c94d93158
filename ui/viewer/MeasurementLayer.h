#pragma once

#include "core/imaging/ImageCalibration.h"
#include "core/index/Measurement.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QPainter;
class QWidget;

namespace lightbox {

class ImageViewport;
class IndexWriter;
struct ViewportImage;

/// The measurement tools on top of an ImageViewport: distance, angle, elliptical and rectangular ROI, pixel probe.
///
/// It needs no hook in the viewport: it filters the viewport's mouse and key events and paints on a transparent
/// child widget stacked over it. With a tool chosen, a left-button drag draws a distance, ellipse or rectangle
/// (corner to corner), three clicks an angle (the second is the vertex), a click a probe. With any tool (also
/// none), pressing on a measurement of the shown slice selects it: its handles move a point, its body moves it
/// all; Delete removes it, Escape drops a measurement being drawn. Other buttons and plain left drags go to the
/// viewport (pan, window/level). Only the shown slice's measurements are drawn, each with its text (mm, °, ROI
/// statistics in HU for CT, probe value).
///
/// Saving goes through two callbacks (see setStore(), useIndex()): a measurement is saved when it is completed
/// and after every move, removed when deleted. Coordinates are stored as Measurement points (pixel centres at
/// +0.5); the viewport's image coordinates have centres at integers, the layer converts.
class MeasurementLayer : public QObject
{
    Q_OBJECT

public:
    /// What a left-button press on empty image does.
    enum class Tool { None, Distance, Angle, Ellipse, Rectangle, Probe };

    /// Which instance and frame one slice of the viewport's image is.
    struct SliceRef
    {
        QString sopInstanceUid;
        int frame = 0;
    };

    /// Stores a completed or changed measurement; a new one (id 0) must get its id set here.
    using SaveFunction = std::function<void(Measurement &measurement)>;
    /// Deletes a stored measurement.
    using RemoveFunction = std::function<void(qint64 id)>;

    /// Attaches to @p viewport (which becomes the parent) and starts filtering its events.
    explicit MeasurementLayer(ImageViewport *viewport);
    ~MeasurementLayer() override;

    /// Sets how measurements are stored. Without it they live only in this layer.
    void setStore(SaveFunction save, RemoveFunction remove);
    /// Stores through MeasurementStore on @p writer (ids at once, writes queued; failures are logged).
    /// @p writer must outlive the layer.
    void useIndex(IndexWriter *writer);

    /// Says which instance and frame each slice of the viewport's image is, and how to turn its pixels into
    /// numbers. Clears the measurements: load those of the new instances with setMeasurements().
    void setSlices(const QList<SliceRef> &slices, const ImageCalibration &calibration);
    /// The SOP Instance UIDs of the slices, e.g. for IndexReader::measurementsFor().
    QStringList instanceUids() const;
    /// Replaces the measurements (e.g. read from the index); those not on one of the slices are ignored.
    void setMeasurements(const QList<Measurement> &measurements);
    /// All measurements of the slices.
    QList<Measurement> measurements() const;
    /// The measurements drawn on slice @p index.
    QList<Measurement> measurementsOnSlice(int index) const;

    /// The text shown next to @p measurement, e.g. "50.0 mm" or "mean 40.2 HU, SD 3.1, min 12, max 80, area
    /// 123.4 mm²"; the user's label, if any, comes first.
    QString textOf(const Measurement &measurement) const;

    /// The tool for left-button presses on empty image.
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }

    /// The selected measurement's id, 0 when none.
    qint64 selectedId() const { return m_selected; }
    /// Removes the selected measurement (as the Delete key does).
    void removeSelected();
    /// Paints the shown slice's measurements with @p painter in widget coordinates (e.g. onto the viewport's
    /// grabbed image for PNG export and the clipboard).

    /// The calibration for a viewport image: its spacing (@p hasPixelSpacing false when the file had none, so
    /// lengths are in pixels), rescale and modality.
    static ImageCalibration calibrationOf(const ViewportImage &image, bool hasPixelSpacing,
                                          const QString &rescaleType = {});

Q_SIGNALS:
    /// A measurement was completed, moved or removed.
    void measurementsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Drag { None, Draw, Handle, Move };

    bool mousePress(QPointF widgetPos);
    bool mouseMove(QPointF widgetPos);
    bool mouseRelease(QPointF widgetPos);
    void paint(QPainter &painter) const;
    void paintMeasurement(QPainter &painter, const Measurement &m, bool selected) const;
    void finishDraft();
    void save(Measurement &m);
    void updateOverlay();

    QPointF toImage(QPointF widgetPos) const;
    QPointF toWidget(QPointF imagePoint) const;
    std::optional<SliceRef> currentSlice() const;
    bool isOnCurrentSlice(const Measurement &m) const;
    Measurement *find(qint64 id);
    /// The measurement under @p widgetPos on the shown slice and, when on a handle, the handle's index (else -1).
    std::optional<std::pair<qint64, int>> hit(QPointF widgetPos) const;

    QPointer<ImageViewport> m_viewport;
    QList<SliceRef> m_slices;
    ImageCalibration m_calibration;
    QList<Measurement> m_measurements;
    SaveFunction m_save;
    RemoveFunction m_remove;
    Tool m_tool = Tool::None;
    qint64 m_selected = 0;

    Drag m_drag = Drag::None;
    std::optional<Measurement> m_draft; ///< Being drawn; its last point follows the mouse.
    int m_handle = -1;
    QPointF m_lastImagePos; ///< Where a move or handle drag was last, image coordinates.
    QPointF m_pressPos; ///< Where a drawing drag started, widget coordinates.
    bool m_moved = false;
};

} // namespace lightbox

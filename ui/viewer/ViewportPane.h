#pragma once

#include "core/imaging/ImageInfo.h"
#include "ui/viewer/ViewerStudy.h"

#include <QWidget>
#include <memory>

class QLabel;

namespace lightbox {

class ImageViewport;
class IndexWriter;
class MeasurementLayer;
class Volume;
class VolumeLoader;

/// One cell of the viewer's layout: an ImageViewport showing one series, loaded progressively by its own
/// VolumeLoader (the first image appears while the rest decodes; slices arriving later join in place). Accepts a
/// series dragged from the thumbnail strip.
class ViewportPane : public QWidget
{
    Q_OBJECT
public:
    /// The MIME type of a series dragged from the thumbnail strip (its Series Instance UID, UTF-8).
    static QString seriesMimeType();

    explicit ViewportPane(QWidget *parent = nullptr);
    ~ViewportPane() override;

    /// Loads @p series of @p study (replacing what is shown).
    void showSeries(const ViewerStudy &study, const ViewerSeries &series);
    /// Adds instances of the shown series received after it was opened; the view keeps its slice, zoom and W/L.
    void addFiles(const QStringList &files);
    QString seriesUid() const { return m_series.seriesInstanceUid; }
    const ViewerSeries &series() const { return m_series; }
    /// The first image's header (modality, frame of reference, windows from the file...).
    const ImageInfo &info() const { return m_info; }
    ImageViewport *viewport() const { return m_viewport; }
    MeasurementLayer *measurements() const { return m_measurements; }
    /// Where measurements are kept: @p writer stores them, @p indexPath is read for those drawn before. Without it
    /// (files opened with --view) measurements live only while the window is open.
    void setMeasurementStore(IndexWriter *writer, const QString &indexPath);
    /// The view as shown, overlays and measurements included (PNG export, clipboard).
    QImage grabImage() const;
    /// Geometry warnings and unreadable files of the series, in plain words.
    QStringList warnings() const;
    bool isLoading() const;
    /// Patient position (LPS mm) of the centre of slice @p index, for synchronised scrolling.
    std::optional<std::array<double, 3>> slicePosition(int index) const;
    /// The slice normal (unit vector), if the series has a geometry.
    std::optional<std::array<double, 3>> sliceNormal() const;
    /// Shows the slice nearest to patient position @p point along the normal. @return whether it moved.
    bool showNearestSlice(const std::array<double, 3> &point);
    void setActive(bool active);

Q_SIGNALS:
    /// The user clicked or focused this pane.
    void activated(lightbox::ViewportPane *pane);
    /// A series was dropped on this pane.
    void seriesDropped(lightbox::ViewportPane *pane, const QString &seriesUid);
    /// The first image is on screen / the whole series is loaded / loading progressed.
    void firstImageShown();
    void loadFinished();
    void loadProgress(int done, int total);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onPreview();
    void onFirstSlice(int slice);
    void onSlicesLoaded();
    void onSlicesInserted(int position, int count);
    void updateImage(bool keepView, std::shared_ptr<Volume> volume = {}, int slice = -1);
    void updateMeasurementSlices(bool reload);

    ImageViewport *m_viewport = nullptr;
    MeasurementLayer *m_measurements = nullptr;
    IndexWriter *m_writer = nullptr;
    QString m_indexPath;
    QLabel *m_status = nullptr;
    std::unique_ptr<VolumeLoader> m_loader;
    ViewerStudy m_study;
    ViewerSeries m_series;
    ImageInfo m_info;
    quint64 m_generation = 0;
    int m_drawnSlice = -1; ///< The slice on screen at the last redraw during the load...
    bool m_drawnReady = false; ///< ...and whether it held its pixels then.
    int m_shownTenth = -1; ///< Load progress shown, in tenths.
    bool m_settingSlice = false;
    bool m_previewShown = false; ///< The loader's preview slice is on screen, not yet the full volume.
    bool m_active = false;
};

} // namespace lightbox

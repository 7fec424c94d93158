#pragma once

#include "ui/viewer/ViewerStudy.h"

#include <QMainWindow>
#include <QTimer>

class QActionGroup;
class QComboBox;
class QGridLayout;
class QListWidget;
class QSpinBox;
class QToolBar;

namespace lightbox {

class ImageViewport;
class IndexWriter;
class ThumbnailCache;
class ViewportPane;

/// The 2D viewer: a thumbnail strip of the study's series, a layout of 1×1, 1×2, 2×1 or 2×2 viewports (drag a
/// series onto one), window/level presets per modality, tools, cine, synchronised scrolling for series that share
/// a frame of reference, PNG export and copy. Opened from the browser for a stored study, or by
/// `lightbox --view` for files that are not imported (then with an Import button).
class ViewerWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// @param thumbnailDir where series thumbnails are cached (empty: a temporary folder).
    ViewerWindow(const ViewerStudy &study, const QString &thumbnailDir, QWidget *parent = nullptr);
    ~ViewerWindow() override;

    /// Shows @p seriesUid in the active viewport (default: the first series in the first viewport).
    void showSeries(const QString &seriesUid);
    /// Switches the layout: 1×1, 1×2 (side by side), 2×1 (one above the other) or 2×2.
    void setLayout(int rows, int columns);
    /// Adds another study (a prior of the same patient): its series join the strip and its first series is shown
    /// in the next viewport.
    void addStudy(const ViewerStudy &study);
    /// The study changed in the index (live arrival): new series join the strip, new images join their viewports.
    void updateStudy(const ViewerStudy &study);

    QString studyUid() const { return m_studies.value(0).studyInstanceUid; }
    QList<ViewportPane *> panes() const { return m_panes; }
    ViewportPane *activePane() const { return m_active; }
    /// Whether scrolling one viewport scrolls the others that share its frame of reference.
    void setSyncEnabled(bool enabled);
    /// Keeps the measurements drawn in this window in the index (@p writer writes, @p indexPath is read).
    void setMeasurementStore(IndexWriter *writer, const QString &indexPath);
    /// Enables the Import button (files opened with --view).
    void setImportHandler(std::function<void(const QStringList &paths)> import);

Q_SIGNALS:
    /// The user asked for the priors of this patient (the composition root answers with addStudy()).
    void priorsRequested(const QString &patientId, const QString &studyUid);
    /// The first image of the window is on screen (once per window).
    void firstImageShown();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void createActions();
    void fillStrip();
    void addStripItems(const ViewerStudy &study);
    void setActivePane(ViewportPane *pane);
    void onSliceChanged(ViewportPane *source);
    void applyPreset(int index);
    void updatePresets();
    void exportPng();
    void copyImage();
    void stepCine();
    const ViewerSeries *findSeries(const QString &uid, const ViewerStudy **study = nullptr) const;

    QList<ViewerStudy> m_studies;
    QListWidget *m_strip = nullptr;
    QWidget *m_grid = nullptr;
    QGridLayout *m_gridLayout = nullptr;
    QList<ViewportPane *> m_panes;
    ViewportPane *m_active = nullptr;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    QString m_tempThumbnailDir;
    QComboBox *m_presets = nullptr;
    QSpinBox *m_fps = nullptr;
    QAction *m_cineAction = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_importAction = nullptr;
    QActionGroup *m_tools = nullptr;
    QTimer m_cine;
    bool m_syncing = false;
    bool m_firstImageShown = false;
    std::function<void(const QStringList &)> m_import;
    IndexWriter *m_writer = nullptr;
    QString m_indexPath;
    std::function<void(ViewportPane *)> m_applyTool;
};

} // namespace lightbox

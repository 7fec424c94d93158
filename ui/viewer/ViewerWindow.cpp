#include "ui/viewer/ViewerWindow.h"

#include "core/imaging/ThumbnailCache.h"
#include "ui/common/DicomFormat.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/MeasurementLayer.h"
#include "ui/viewer/ViewportOverlay.h"
#include "ui/viewer/ViewportPane.h"
#include "ui/viewer/WindowPresets.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QUuid>
#include <QtConcurrent>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace lightbox {
namespace {

constexpr int kThumb = 88;
constexpr int kSeriesRole = Qt::UserRole + 1;

// The thumbnail strip: its items drag their Series Instance UID to a viewport.
class SeriesStrip : public QListWidget
{
public:
    using QListWidget::QListWidget;

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        auto *mime = new QMimeData;
        if (!items.isEmpty())
            mime->setData(ViewportPane::seriesMimeType(), items.first()->data(kSeriesRole).toString().toUtf8());
        return mime;
    }
    QStringList mimeTypes() const override { return {ViewportPane::seriesMimeType()}; }
};

} // namespace

ViewerWindow::ViewerWindow(const ViewerStudy &study, const QString &thumbnailDir, QWidget *parent)
    : QMainWindow(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("viewerWindow"));
    m_studies.append(study);
    setWindowTitle(
        tr("%1 — %2 — Lightbox").arg(dicomformat::personName(study.patientName), dicomformat::date(study.studyDate)));
    QString dir = thumbnailDir;
    if (dir.isEmpty()) {
        m_tempThumbnailDir = QDir::temp().filePath(QStringLiteral("lightbox-view-")
                                                   + QUuid::createUuid().toString(QUuid::WithoutBraces));
        dir = m_tempThumbnailDir;
    }
    m_thumbnails = std::make_unique<ThumbnailCache>(dir);

    m_strip = new SeriesStrip(this);
    m_strip->setObjectName(QStringLiteral("seriesStrip"));
    m_strip->setViewMode(QListView::IconMode);
    m_strip->setFlow(QListView::TopToBottom);
    m_strip->setWrapping(false);
    m_strip->setMovement(QListView::Static);
    m_strip->setIconSize(QSize(kThumb, kThumb));
    m_strip->setGridSize(QSize(kThumb + 40, kThumb + 44));
    m_strip->setDragEnabled(true);
    m_strip->setDragDropMode(QAbstractItemView::DragOnly);
    m_strip->setWordWrap(true);
    m_strip->setStyleSheet(QStringLiteral("QListWidget { background: #1e1e1e; color: #ddd; }"));
    auto *dock = new QDockWidget(tr("Series"), this);
    dock->setObjectName(QStringLiteral("seriesDock"));
    dock->setWidget(m_strip);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(m_strip, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem *item) { showSeries(item->data(kSeriesRole).toString()); });

    m_grid = new QWidget(this);
    m_grid->setStyleSheet(QStringLiteral("background: black;"));
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(2);
    setCentralWidget(m_grid);

    m_cine.setTimerType(Qt::PreciseTimer);
    connect(&m_cine, &QTimer::timeout, this, &ViewerWindow::stepCine);

    createActions();
    setLayout(1, 1);
    fillStrip();
    resize(1200, 820);
    if (!study.series.isEmpty())
        showSeries(study.series.first().seriesInstanceUid);
}

ViewerWindow::~ViewerWindow()
{
    m_cine.stop();
    if (!m_tempThumbnailDir.isEmpty())
        QDir(m_tempThumbnailDir).removeRecursively();
    ViewportOverlay::releaseTextImages(); // their textures would stay with the GL surface kept for the next viewer
#ifdef __GLIBC__
    // Once the panes and their loaders are gone: glibc keeps the freed heap of the decoding threads' arenas (tens
    // of MB after a large series) unless asked to hand it back.
    QTimer::singleShot(0, QCoreApplication::instance(), [] { malloc_trim(0); });
#endif
}

void ViewerWindow::createActions()
{
    QToolBar *bar = addToolBar(tr("Viewer"));
    bar->setObjectName(QStringLiteral("viewerToolbar"));
    bar->setMovable(false);

    const QList<std::tuple<QString, int, int, QString>> layouts = {
        {tr("1×1"), 1, 1, QStringLiteral("Ctrl+1")},
        {tr("1×2"), 1, 2, QStringLiteral("Ctrl+2")},
        {tr("2×1"), 2, 1, QStringLiteral("Ctrl+3")},
        {tr("2×2"), 2, 2, QStringLiteral("Ctrl+4")},
    };
    auto *layoutGroup = new QActionGroup(this);
    for (const auto &[name, rows, columns, key] : layouts) {
        QAction *a = bar->addAction(name);
        a->setCheckable(true);
        a->setChecked(rows == 1 && columns == 1);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(tr("Layout %1 (%2)").arg(name, key));
        layoutGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, rows, columns] { setLayout(rows, columns); });
    }
    bar->addSeparator();

    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("windowPresets"));
    m_presets->setToolTip(tr("Window/level presets (keys 1–9)"));
    m_presets->setMinimumContentsLength(14);
    connect(m_presets, &QComboBox::activated, this, &ViewerWindow::applyPreset);
    bar->addWidget(m_presets);
    bar->addSeparator();

    m_tools = new QActionGroup(this);
    const QList<std::tuple<QString, ImageViewport::Tool, QString>> tools = {
        {tr("Pan"), ImageViewport::Tool::Pan, QStringLiteral("P")},
        {tr("Zoom"), ImageViewport::Tool::Zoom, QStringLiteral("Z")},
        {tr("W/L"), ImageViewport::Tool::WindowLevel, QStringLiteral("W")},
        {tr("Scroll"), ImageViewport::Tool::Scroll, QStringLiteral("S")},
    };
    for (const auto &[name, tool, key] : tools) {
        QAction *a = bar->addAction(name);
        a->setCheckable(true);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(tr("%1 with the left button (%2); the right button always sets window/level").arg(name, key));
        m_tools->addAction(a);
        connect(a, &QAction::triggered, this, [this, tool] {
            m_applyTool = [tool](ViewportPane *p) {
                p->measurements()->setTool(MeasurementLayer::Tool::None);
                p->viewport()->setTool(tool);
            };
            for (ViewportPane *p : std::as_const(m_panes))
                m_applyTool(p);
        });
    }
    bar->addSeparator();
    const QList<std::tuple<QString, MeasurementLayer::Tool, QString, QString>> measures = {
        {tr("Distance"), MeasurementLayer::Tool::Distance, QStringLiteral("D"), tr("Drag to measure a distance in mm")},
        {tr("Angle"), MeasurementLayer::Tool::Angle, QStringLiteral("A"),
         tr("Click three points; the second is the vertex")},
        {tr("Ellipse"), MeasurementLayer::Tool::Ellipse, QStringLiteral("E"),
         tr("Drag an elliptical region: mean, SD, min, max and area")},
        {tr("Rectangle"), MeasurementLayer::Tool::Rectangle, QStringLiteral("T"),
         tr("Drag a rectangular region: mean, SD, min, max and area")},
        {tr("Probe"), MeasurementLayer::Tool::Probe, QStringLiteral("O"), tr("Click to read the pixel value")},
    };
    for (const auto &[name, tool, key, tip] : measures) {
        QAction *a = bar->addAction(name);
        a->setCheckable(true);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key));
        m_tools->addAction(a);
        connect(a, &QAction::triggered, this, [this, tool] {
            m_applyTool = [tool](ViewportPane *p) {
                p->viewport()->setTool(ImageViewport::Tool::None);
                p->measurements()->setTool(tool);
            };
            for (ViewportPane *p : std::as_const(m_panes))
                m_applyTool(p);
        });
    }
    bar->addSeparator();

    // View, cine and output controls on a second row, so the first fits an ordinary screen.
    addToolBarBreak();
    bar = addToolBar(tr("View"));
    bar->setObjectName(QStringLiteral("viewToolbar"));
    bar->setMovable(false);
    auto addViewAction = [&](const QString &name, const QString &key, auto apply) {
        QAction *a = bar->addAction(name);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(QStringLiteral("%1 (%2)").arg(name, key));
        connect(a, &QAction::triggered, this, [this, apply] {
            if (m_active)
                apply(m_active->viewport());
        });
        return a;
    };
    addViewAction(tr("Fit"), QStringLiteral("F"), [](ImageViewport *v) { v->fit(); });
    addViewAction(tr("Rotate"), QStringLiteral("R"), [](ImageViewport *v) { v->rotate90(true); });
    addViewAction(tr("Flip"), QStringLiteral("H"), [](ImageViewport *v) { v->flip(true); });
    addViewAction(tr("Invert"), QStringLiteral("I"), [](ImageViewport *v) { v->setInverted(!v->isInverted()); });
    bar->addSeparator();

    m_cineAction = bar->addAction(tr("Cine"));
    m_cineAction->setCheckable(true);
    m_cineAction->setShortcut(QKeySequence(QStringLiteral("Space")));
    m_cineAction->setToolTip(tr("Play the stack or the frames (Space)"));
    connect(m_cineAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_cine.start(1000 / std::max(1, m_fps->value()));
        else
            m_cine.stop();
    });
    m_fps = new QSpinBox(this);
    m_fps->setObjectName(QStringLiteral("cineFps"));
    m_fps->setRange(1, 60);
    m_fps->setValue(15);
    m_fps->setSuffix(tr(" fps"));
    connect(m_fps, &QSpinBox::valueChanged, this, [this](int fps) {
        if (m_cine.isActive())
            m_cine.start(1000 / std::max(1, fps));
    });
    bar->addWidget(m_fps);

    m_syncAction = bar->addAction(tr("Sync"));
    m_syncAction->setCheckable(true);
    m_syncAction->setChecked(true);
    m_syncAction->setToolTip(tr("Scroll series that share a frame of reference together"));
    bar->addSeparator();

    QAction *png = bar->addAction(tr("Save PNG…"));
    png->setShortcut(QKeySequence::Save);
    connect(png, &QAction::triggered, this, &ViewerWindow::exportPng);
    QAction *copy = bar->addAction(tr("Copy"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &ViewerWindow::copyImage);
    QAction *priors = bar->addAction(tr("Priors"));
    priors->setToolTip(tr("Open the other studies of this patient beside this one"));
    connect(priors, &QAction::triggered, this,
            [this] { Q_EMIT priorsRequested(m_studies.first().patientId, m_studies.first().studyInstanceUid); });
    m_importAction = bar->addAction(tr("Import"));
    m_importAction->setToolTip(tr("Store these images in Lightbox"));
    m_importAction->setVisible(false);
    connect(m_importAction, &QAction::triggered, this, [this] {
        QStringList files;
        for (const ViewerStudy &s : std::as_const(m_studies))
            for (const ViewerSeries &series : s.series)
                files << series.files;
        if (m_import)
            m_import(files);
    });
    QAction *close = new QAction(tr("Close"), this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
}

void ViewerWindow::setMeasurementStore(IndexWriter *writer, const QString &indexPath)
{
    m_writer = writer;
    m_indexPath = indexPath;
    for (ViewportPane *pane : std::as_const(m_panes))
        pane->setMeasurementStore(writer, indexPath);
}

void ViewerWindow::setImportHandler(std::function<void(const QStringList &)> import)
{
    m_import = std::move(import);
    m_importAction->setVisible(static_cast<bool>(m_import));
}

void ViewerWindow::fillStrip()
{
    m_strip->clear();
    for (const ViewerStudy &study : std::as_const(m_studies))
        addStripItems(study);
}

void ViewerWindow::addStripItems(const ViewerStudy &study)
{
    const bool prior = study.studyInstanceUid != m_studies.first().studyInstanceUid;
    for (const ViewerSeries &series : study.series) {
        bool exists = false;
        for (int i = 0; i < m_strip->count(); ++i)
            exists = exists || m_strip->item(i)->data(kSeriesRole).toString() == series.seriesInstanceUid;
        if (exists)
            continue;
        const QString count = series.files.size() == 1 ? tr("1 image") : tr("%1 images").arg(series.files.size());
        QString text = (series.seriesNumber.isEmpty() ? QString() : series.seriesNumber + QStringLiteral(" · "))
            + (series.description.isEmpty() ? series.modality : series.description) + QLatin1Char('\n') + count;
        if (prior)
            text = dicomformat::date(study.studyDate) + QLatin1Char('\n') + text;
        auto *item = new QListWidgetItem(text, m_strip);
        item->setData(kSeriesRole, series.seriesInstanceUid);
        item->setToolTip(tr("Drag onto a viewport, or double-click to show it in the active one"));
        QPixmap placeholder(kThumb, kThumb);
        placeholder.fill(QColor(40, 40, 40));
        item->setIcon(placeholder);
        auto *watcher = new QFutureWatcher<QImage>(this);
        const QString uid = series.seriesInstanceUid;
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, uid] {
            const QImage image = watcher->result();
            watcher->deleteLater();
            for (int i = 0; i < m_strip->count(); ++i) {
                QListWidgetItem *it = m_strip->item(i);
                if (it->data(kSeriesRole).toString() != uid || image.isNull())
                    continue;
                QPixmap framed(kThumb, kThumb);
                framed.fill(Qt::black);
                QPainter p(&framed);
                const QImage scaled = image.scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                p.drawImage((kThumb - scaled.width()) / 2, (kThumb - scaled.height()) / 2, scaled);
                it->setIcon(framed);
            }
        });
        ThumbnailCache *cache = m_thumbnails.get();
        const QStringList files = series.files;
        watcher->setFuture(QtConcurrent::run([cache, uid, files] { return cache->cachedOrRender(uid, files, 96); }));
    }
}

const ViewerSeries *ViewerWindow::findSeries(const QString &uid, const ViewerStudy **studyOut) const
{
    for (const ViewerStudy &study : m_studies) {
        if (const ViewerSeries *s = study.findSeries(uid)) {
            if (studyOut)
                *studyOut = &study;
            return s;
        }
    }
    return nullptr;
}

void ViewerWindow::showSeries(const QString &seriesUid)
{
    const ViewerStudy *study = nullptr;
    const ViewerSeries *series = findSeries(seriesUid, &study);
    if (!series || !m_active)
        return;
    m_active->showSeries(*study, *series);
}

void ViewerWindow::setLayout(int rows, int columns)
{
    const int wanted = rows * columns;
    while (m_panes.size() < wanted) {
        auto *pane = new ViewportPane(m_grid);
        connect(pane, &ViewportPane::activated, this, &ViewerWindow::setActivePane);
        connect(pane, &ViewportPane::seriesDropped, this, [this](ViewportPane *target, const QString &uid) {
            setActivePane(target);
            showSeries(uid);
        });
        connect(pane, &ViewportPane::firstImageShown, this, [this, pane] {
            if (pane == m_active)
                updatePresets();
            // Cine runs at the acquisition's own rate when the file gives one (Frame Time / Cine Rate).
            if (pane == m_active && pane->info().frameTimeMs > 0)
                m_fps->setValue(std::clamp(static_cast<int>(std::lround(1000.0 / pane->info().frameTimeMs)), 1, 60));
            if (!m_firstImageShown) {
                m_firstImageShown = true;
                Q_EMIT firstImageShown();
            }
        });
        connect(pane, &ViewportPane::loadFinished, this, [this, pane] {
            if (pane == m_active)
                statusBar()->showMessage(pane->warnings().join(QStringLiteral(" · ")));
        });
        connect(pane->viewport(), &ImageViewport::sliceChanged, this, [this, pane] { onSliceChanged(pane); });
        pane->viewport()->setTool(ImageViewport::Tool::None);
        if (m_writer || !m_indexPath.isEmpty())
            pane->setMeasurementStore(m_writer, m_indexPath);
        if (m_applyTool)
            m_applyTool(pane);
        m_panes.append(pane);
    }
    for (ViewportPane *pane : std::as_const(m_panes)) {
        m_gridLayout->removeWidget(pane);
        pane->hide();
    }
    for (int i = 0; i < wanted; ++i) {
        m_gridLayout->addWidget(m_panes.at(i), i / columns, i % columns);
        m_panes.at(i)->show();
    }
    for (int r = 0; r < 2; ++r)
        m_gridLayout->setRowStretch(r, r < rows ? 1 : 0);
    for (int c = 0; c < 2; ++c)
        m_gridLayout->setColumnStretch(c, c < columns ? 1 : 0);
    if (!m_active || m_panes.indexOf(m_active) >= wanted)
        setActivePane(m_panes.first());
    // New cells show the next series not yet on screen, the way Horos fills a layout.
    int next = 0;
    const QList<ViewerSeries> &all = m_studies.first().series;
    for (int i = 0; i < wanted; ++i) {
        ViewportPane *pane = m_panes.at(i);
        if (!pane->seriesUid().isEmpty())
            continue;
        while (next < all.size()) {
            const QString uid = all.at(next++).seriesInstanceUid;
            bool shown = false;
            for (int k = 0; k < wanted; ++k)
                shown = shown || m_panes.at(k)->seriesUid() == uid;
            if (!shown) {
                pane->showSeries(m_studies.first(), all.at(next - 1));
                break;
            }
        }
    }
}

void ViewerWindow::setActivePane(ViewportPane *pane)
{
    if (m_active == pane)
        return;
    if (m_active)
        m_active->setActive(false);
    m_active = pane;
    if (m_active) {
        m_active->setActive(true);
        updatePresets();
        statusBar()->showMessage(m_active->warnings().join(QStringLiteral(" · ")));
    }
}

void ViewerWindow::setSyncEnabled(bool enabled)
{
    m_syncAction->setChecked(enabled);
}

void ViewerWindow::onSliceChanged(ViewportPane *source)
{
    if (m_syncing || !m_syncAction->isChecked())
        return;
    const QString frame = source->info().frameOfReferenceUid;
    const auto position = source->slicePosition(source->viewport()->slice());
    const auto normal = source->sliceNormal();
    if (frame.isEmpty() || !position || !normal)
        return;
    m_syncing = true;
    for (ViewportPane *other : std::as_const(m_panes)) {
        if (other == source || !other->isVisible() || other->info().frameOfReferenceUid != frame)
            continue;
        const auto otherNormal = other->sliceNormal();
        if (!otherNormal)
            continue;
        const double dot
            = (*normal)[0] * (*otherNormal)[0] + (*normal)[1] * (*otherNormal)[1] + (*normal)[2] * (*otherNormal)[2];
        if (std::abs(dot) < 0.99) // Only parallel stacks scroll together (an axial and a coronal do not).
            continue;
        other->showNearestSlice(*position);
    }
    m_syncing = false;
}

void ViewerWindow::updatePresets()
{
    m_presets->clear();
    if (!m_active)
        return;
    const ViewportImage &image = m_active->viewport()->image();
    m_presets->addItem(tr("Window presets"));
    for (const auto &[center, width] : image.presetsFromFile)
        m_presets->addItem(tr("From file: %1/%2").arg(center).arg(width), QVariant::fromValue(QPointF(center, width)));
    for (const NamedWindow &w : windowpresets::forModality(image.modality))
        m_presets->addItem(QStringLiteral("%1 (%2/%3)").arg(w.name).arg(w.center).arg(w.width),
                           QVariant::fromValue(QPointF(w.center, w.width)));
    m_presets->addItem(tr("Auto"), QStringLiteral("auto"));
}

void ViewerWindow::applyPreset(int index)
{
    if (!m_active || index <= 0 || index >= m_presets->count())
        return;
    ImageViewport *viewport = m_active->viewport();
    const QVariant data = m_presets->itemData(index);
    if (data.toString() == QLatin1String("auto")) {
        const NamedWindow w = windowpresets::automatic(viewport->image(), viewport->slice());
        if (w.width > 0)
            viewport->setWindow(w.center, w.width);
    } else {
        const QPointF cw = data.toPointF();
        viewport->setWindow(cw.x(), cw.y());
    }
    m_presets->setCurrentIndex(0);
}

void ViewerWindow::keyPressEvent(QKeyEvent *event)
{
    // 1–9 pick the presets in the order the list shows them (from-file first, then the modality's).
    if (event->modifiers() == Qt::NoModifier && event->key() >= Qt::Key_1 && event->key() <= Qt::Key_9) {
        applyPreset(event->key() - Qt::Key_0);
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void ViewerWindow::stepCine()
{
    if (!m_active)
        return;
    ImageViewport *v = m_active->viewport();
    if (v->sliceCount() <= 1)
        return;
    v->setSlice((v->slice() + 1) % v->sliceCount());
}

void ViewerWindow::exportPng()
{
    if (!m_active)
        return;
    const QImage image = m_active->grabImage();
    const QString file
        = QFileDialog::getSaveFileName(this, tr("Save view as PNG"),
                                       QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                                           .filePath(QStringLiteral("lightbox.png")),
                                       tr("PNG images (*.png)"));
    if (file.isEmpty())
        return;
    if (!image.save(file, "PNG"))
        QMessageBox::warning(this, tr("Save PNG"), tr("The image could not be written to %1.").arg(file));
    else
        statusBar()->showMessage(tr("Saved %1").arg(file), 5000);
}

void ViewerWindow::copyImage()
{
    if (!m_active)
        return;
    QApplication::clipboard()->setImage(m_active->grabImage());
    statusBar()->showMessage(tr("The view is on the clipboard."), 4000);
}

void ViewerWindow::addStudy(const ViewerStudy &study)
{
    for (const ViewerStudy &s : std::as_const(m_studies))
        if (s.studyInstanceUid == study.studyInstanceUid)
            return;
    m_studies.append(study);
    addStripItems(study);
    if (study.series.isEmpty())
        return;
    if (m_panes.size() < 2 || !m_panes.at(1)->isVisible())
        setLayout(1, 2);
    setActivePane(m_panes.at(1));
    m_active->showSeries(study, study.series.first());
}

void ViewerWindow::updateStudy(const ViewerStudy &study)
{
    for (ViewerStudy &s : m_studies) {
        if (s.studyInstanceUid != study.studyInstanceUid)
            continue;
        s = study;
        addStripItems(study);
        for (ViewportPane *pane : std::as_const(m_panes))
            if (const ViewerSeries *series = study.findSeries(pane->seriesUid()))
                pane->addFiles(series->files);
        // A viewport still waiting for a series gets the first new one.
        for (ViewportPane *pane : std::as_const(m_panes))
            if (pane->isVisible() && pane->seriesUid().isEmpty() && !study.series.isEmpty()) {
                pane->showSeries(study, study.series.first());
                break;
            }
    }
}

} // namespace lightbox

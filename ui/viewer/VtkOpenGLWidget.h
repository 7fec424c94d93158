// Hosts a VTK render window in a Qt 6 widget. Debian's VTK Qt module is built against Qt 5, so
// QVTKOpenGLNativeWidget is not an option (DESIGN §5): VTK renders into its own framebuffer inside our GL context,
// the frame blits it to the screen, then subclasses paint crisp Qt overlays on top.
//
// The GL surface is a native child window (a QOpenGLWindow in a window container), not a QOpenGLWidget: a
// QOpenGLWidget makes Qt compose the whole top-level window with OpenGL on every frame (the window's backing store
// and the widget's texture, blended), and on Mesa's software rasteriser that composition cost more than VTK's own
// rendering. A native window is presented on its own. Input the window receives is handed to this widget, so
// subclasses and event filters see ordinary widget events.
#pragma once

#include <QImage>
#include <QWidget>

class QPainter;
class vtkGenericOpenGLRenderWindow;
class vtkObject;

namespace lightbox {

class VtkOpenGLWidget : public QWidget
{
    Q_OBJECT

public:
    /// Creates the widget and its VTK render window; GL resources are made when Qt first shows the widget.
    explicit VtkOpenGLWidget(QWidget *parent = nullptr);
    ~VtkOpenGLWidget() override;

    /// Sets the process-wide default surface format VTK needs (OpenGL 3.2 core, depth and stencil buffers, no
    /// multisampling), and has Qt paint a requested frame at once rather than after its 5 ms idle delay (unless
    /// QT_QPA_UPDATE_IDLE_TIME is set). Call it in main() before the QApplication is constructed, and in tests
    /// likewise.
    static void setDefaultSurfaceFormat();

    /// Whether an initialised GL surface of a destroyed widget is kept for the next one. One is kept (the first
    /// destroyed while none is); the next widget constructed takes it and skips creating its GL context and shaders.
    static bool hasSpareSurface();

    /// The VTK render window drawn by this widget. Add renderers to it; call update() (not Render()) to redraw.
    vtkGenericOpenGLRenderWindow *renderWindow() const;

    /// Whether VTK's framebuffer has a depth buffer (the default). A 3D scene needs one; a 2D slice (one image
    /// actor, overlays drawn by QPainter) does not, and spares a window-sized buffer and clearing it every frame.
    void setSceneDepthBuffer(bool wanted);

    /// Schedules a new frame (VTK scene and overlays). Hides QWidget::update(): the frame is drawn by the GL
    /// surface, not by a widget paint event.
    void update();
    /// Repaints only what paintOverlay() draws: the frame shows VTK's last picture again without rendering it.
    /// For changes that leave the picture as it is (overlay text, a swapped data buffer of the same pixels); a
    /// later update() renders everything anew.
    void updateOverlay();

    /// Renders a frame now and returns it (VTK image and overlays), in device pixels with the device pixel ratio
    /// set. Null before the widget has been shown.
    QImage grabFramebuffer();

signals:
    /// A frame was painted (VTK image and overlays are on the surface).
    void framePainted();
    /// Emitted while a frame is painted, after paintOverlay(): other objects (e.g. measurements) paint on top
    /// here. Connect directly; the painter works in logical widget coordinates.
    void paintingOverlay(QPainter &painter);

protected:
    /// Called in a frame after the VTK image is on the surface; paint overlays here. The painter works in logical
    /// (device-independent) widget coordinates. The default paints nothing.
    virtual void paintOverlay(QPainter &painter);

    /// Called in a frame just before VTK renders: bring the VTK scene (camera, slice) up to date here.
    virtual void prepareRender();

    /// Whether VTK has anything to draw. Without a scene a frame is only cleared to black (what VTK's empty scene
    /// shows), which spares a software renderer a full render and copy, e.g. while a viewer waits for its image.
    /// The default says yes.
    virtual bool hasScene() const;

private:
    class Surface;
    friend class Surface;
    struct Spare;

    /// Hands this widget's initialised GL surface to the spare slot, if it is empty. @return whether it did.
    bool keepSpare();
    void watchContext();
    void initializeSurface();
    void resizeSurface(int width, int height);
    void renderFrame();
    void releaseGraphics();
    void onRenderWindowEvent(vtkObject *caller, unsigned long eventId, void *callData);

    Surface *m_surface = nullptr;
    QWidget *m_container = nullptr;
    vtkGenericOpenGLRenderWindow *m_renderWindow = nullptr;
    unsigned long m_makeCurrentObserver = 0;
    unsigned long m_isCurrentObserver = 0;
    QMetaObject::Connection m_contextConnection;
    bool m_contextReady = false;
    bool m_sceneStale = true; // something changed since VTK last rendered: the next frame renders anew
};

} // namespace lightbox

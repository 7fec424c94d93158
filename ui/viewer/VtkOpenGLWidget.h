// A Qt 6 QOpenGLWidget that hosts a VTK render window. Debian's VTK Qt module is built against Qt 5, so
// QVTKOpenGLNativeWidget is not an option (DESIGN §5): VTK renders into its own framebuffer inside our context and
// paintGL blits it into the widget, then subclasses paint crisp Qt overlays on top.
#pragma once

#include <QOpenGLWidget>

class QPainter;
class vtkGenericOpenGLRenderWindow;
class vtkObject;

namespace lightbox {

class VtkOpenGLWidget : public QOpenGLWidget
{
    Q_OBJECT

public:
    /// Creates the widget and its VTK render window; GL resources are made when Qt first shows the widget.
    explicit VtkOpenGLWidget(QWidget *parent = nullptr);
    ~VtkOpenGLWidget() override;

    /// Sets the process-wide default surface format VTK needs (OpenGL 3.2 core, depth and stencil buffers, no
    /// multisampling). Call it in main() before the QApplication is constructed, and in tests likewise.
    static void setDefaultSurfaceFormat();

    /// The VTK render window drawn by this widget. Add renderers to it; call update() (not Render()) to redraw.
    vtkGenericOpenGLRenderWindow *renderWindow() const;

signals:
    /// A frame was painted (VTK image and overlays are in the widget's framebuffer).
    void framePainted();

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    /// Called in paintGL after the VTK image is in the widget's framebuffer; paint overlays here. The painter
    /// works in logical (device-independent) widget coordinates. The default paints nothing.
    virtual void paintOverlay(QPainter &painter);

    /// Called in paintGL just before VTK renders: bring the VTK scene (camera, slice) up to date here.
    virtual void prepareRender();

private:
    void releaseGraphics();
    void onRenderWindowEvent(vtkObject *caller, unsigned long eventId, void *callData);

    vtkGenericOpenGLRenderWindow *m_renderWindow = nullptr;
    unsigned long m_makeCurrentObserver = 0;
    unsigned long m_isCurrentObserver = 0;
    QMetaObject::Connection m_contextConnection;
    bool m_contextReady = false;
};

} // namespace lightbox

// No <vtk_glew.h> here, on purpose: none of the VTK headers below needs it, and every GL call goes through VTK's
// vtkOpenGLState (GLEW lives inside VTK's library), so GLEW and Qt's GL headers never meet in one file. DESIGN §5's
// order (vtk_glew.h before Qt's GL headers) still made qopenglcontext.h emit "#warning ... not compatible with
// GLEW", which CI's -Werror would turn into a build failure. The GL_* constants come from Qt's qopengl.h.
#include "ui/viewer/VtkOpenGLWidget.h"

#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

#include <QOpenGLContext>
#include <QPainter>
#include <QSurfaceFormat>

namespace lightbox {

VtkOpenGLWidget::VtkOpenGLWidget(QWidget *parent)
    : QOpenGLWidget(parent)
    , m_renderWindow(vtkGenericOpenGLRenderWindow::New())
{
    // Qt owns the context and the window; VTK only renders into its own framebuffer, and paintGL copies it.
    m_renderWindow->SetOwnContext(0);
    m_renderWindow->SetFrameBlitModeToNoBlit();
    m_renderWindow->SetMultiSamples(0);
    m_renderWindow->SetReadyForRendering(false);
    m_makeCurrentObserver
        = m_renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, this, &VtkOpenGLWidget::onRenderWindowEvent);
    m_isCurrentObserver
        = m_renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, this, &VtkOpenGLWidget::onRenderWindowEvent);
}

VtkOpenGLWidget::~VtkOpenGLWidget()
{
    // GL objects must be freed with their context current; the context goes away with the QOpenGLWidget, after
    // this object's members, so stop listening to it first.
    disconnect(m_contextConnection);
    if (m_contextReady) {
        makeCurrent();
        releaseGraphics();
        doneCurrent();
    }
    m_renderWindow->RemoveObserver(m_makeCurrentObserver);
    m_renderWindow->RemoveObserver(m_isCurrentObserver);
    m_renderWindow->Delete();
}

void VtkOpenGLWidget::setDefaultSurfaceFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
}

vtkGenericOpenGLRenderWindow *VtkOpenGLWidget::renderWindow() const
{
    return m_renderWindow;
}

void VtkOpenGLWidget::initializeGL()
{
    // A widget that is re-parented to another top-level window gets a new context: start over in it.
    if (m_contextReady)
        releaseGraphics();
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->SetIsDirect(true);
    m_renderWindow->SetSupportsOpenGL(true);
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->OpenGLInitContext();
    m_renderWindow->SetReadyForRendering(false);
    m_contextReady = true;
    disconnect(m_contextConnection);
    m_contextConnection = connect(
        context(), &QOpenGLContext::aboutToBeDestroyed, this,
        [this] {
            makeCurrent();
            releaseGraphics();
            doneCurrent();
        },
        Qt::DirectConnection);
}

void VtkOpenGLWidget::resizeGL(int width, int height)
{
    const qreal ratio = devicePixelRatioF();
    m_renderWindow->SetSize(qRound(width * ratio), qRound(height * ratio));
}

void VtkOpenGLWidget::paintGL()
{
    if (!m_contextReady)
        return;
    prepareRender();

    // Qt leaves its own GL state behind (depth function GL_LESS, bound buffers); VTK caches state, so make it
    // re-read the real state and restore Qt's afterwards.
    vtkOpenGLState *state = m_renderWindow->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->Render();
    m_renderWindow->SetReadyForRendering(false);

    // Rendering may have switched contexts (progress events repainting other widgets). Only then make ours
    // current again, and let VTK re-read the framebuffer bindings that makeCurrent() changed behind its back.
    if (QOpenGLContext::currentContext() != context()) {
        makeCurrent();
        state->ResetFramebufferBindings();
    }
    const int deviceWidth = qRound(width() * devicePixelRatioF());
    const int deviceHeight = qRound(height() * devicePixelRatioF());
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    GLenum colorAttachment = GL_COLOR_ATTACHMENT0;
    state->vtkglDrawBuffers(1, &colorAttachment);
    state->vtkglDisable(GL_SCISSOR_TEST);
    int *renderedSize = m_renderWindow->GetRenderFramebuffer()->GetLastSize();
    m_renderWindow->BlitDisplayFramebuffer(0, 0, 0, renderedSize[0], renderedSize[1], 0, 0, deviceWidth, deviceHeight,
                                           GL_COLOR_BUFFER_BIT, GL_NEAREST);

    // Mesa keeps VTK's alpha; an alpha below 1 would let the compositor blend the desktop into the image.
    state->vtkglViewport(0, 0, deviceWidth, deviceHeight);
    state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    state->vtkglClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    state->vtkglClear(GL_COLOR_BUFFER_BIT);
    state->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    state->Pop();
    makeCurrent(); // binds the widget's framebuffer again for QPainter

    {
        QPainter painter(this);
        paintOverlay(painter);
    }
    emit framePainted();
}

void VtkOpenGLWidget::paintOverlay(QPainter &) { }

void VtkOpenGLWidget::prepareRender() { }

void VtkOpenGLWidget::releaseGraphics()
{
    if (!m_contextReady)
        return;
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->ReleaseGraphicsResources(m_renderWindow);
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    m_contextReady = false;
}

void VtkOpenGLWidget::onRenderWindowEvent(vtkObject *, unsigned long eventId, void *callData)
{
    if (eventId == vtkCommand::WindowMakeCurrentEvent) {
        // The context only: QOpenGLWidget::makeCurrent() would also bind the widget's framebuffer, under VTK's
        // cached GL state, and VTK would then attach its buffers to ours (GL_FRAMEBUFFER_UNSUPPORTED, black image).
        QOpenGLContext *ours = context();
        if (ours && QOpenGLContext::currentContext() != ours)
            ours->makeCurrent(ours->surface());
    } else if (eventId == vtkCommand::WindowIsCurrentEvent) {
        // VTK asks whether its context is current; ours is Qt's context of this widget.
        QOpenGLContext *current = QOpenGLContext::currentContext();
        *static_cast<bool *>(callData) = current && current == context();
    }
}

} // namespace lightbox

// No <vtk_glew.h> here, on purpose: none of the VTK headers below needs it, and every GL call goes through VTK's
// vtkOpenGLState (GLEW lives inside VTK's library) or Qt's function resolvers, so GLEW and Qt's GL headers never
// meet in one file. DESIGN §5's order (vtk_glew.h before Qt's GL headers) still made qopenglcontext.h emit
// "#warning ... not compatible with GLEW", which CI's -Werror would turn into a build failure.
#include "ui/viewer/VtkOpenGLWidget.h"

#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkObjectFactory.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkVersionMacros.h>

#include <QApplication>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFunctions>
#include <QOpenGLWindow>
#include <QPainter>
#include <QSurfaceFormat>
#include <QVBoxLayout>

#include <utility>

namespace lightbox {
namespace {

/// VTK's render window with only the framebuffer it renders into. VTK 9.1's own Start() also keeps a display
/// framebuffer (two colour buffers and a depth buffer; Frame() copies every render there) and a resolve framebuffer
/// for multisampling (colour and depth): five more window-sized buffers, which Mesa's software renderer allocates and
/// clears (13.5 MB for a 936 × 721 viewport, four times that in a 2 × 2 layout), and two more copies a frame. The
/// widget copies the render framebuffer to its window itself, without multisampling, stereo or front-buffer reads,
/// so they are never needed. Other VTK versions, or multisampling, get VTK's own Start().
class RenderWindow : public vtkGenericOpenGLRenderWindow
{
public:
    static RenderWindow *New();
    vtkTypeMacro(RenderWindow, vtkGenericOpenGLRenderWindow)

    /// Whether the render framebuffer gets a depth buffer (made anew at the next render when this changes).
    bool depthBuffer = true;

    void Start() override
    {
#if VTK_MAJOR_VERSION == 9 && VTK_MINOR_VERSION == 1
        if (MultiSamples > 0) {
            Superclass::Start();
            return;
        }
        // vtkOpenGLRenderWindow::Start() of VTK 9.1, with the render framebuffer alone.
        if (!Initialized)
            Initialize();
        MakeCurrent();
        vtkOpenGLState *state = GetState();
        if (!OwnContext)
            state->Initialize(this); // the context is Qt's: its state cannot be assumed to be what VTK left
        state->vtkglEnable(GL_BLEND);
        state->vtkglBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        Size[0] = Size[0] > 0 ? Size[0] : 300;
        Size[1] = Size[1] > 0 ? Size[1] : 300;
        const bool hasDepth = RenderFramebuffer->GetDepthAttachmentAsTextureObject() != nullptr;
        if (RenderFramebuffer->GetFBOIndex() && hasDepth != depthBuffer)
            RenderFramebuffer->ReleaseGraphicsResources(this);
        if (!RenderFramebuffer->GetFBOIndex()) {
            state->PushFramebufferBindings();
            RenderFramebuffer->PopulateFramebuffer(Size[0], Size[1], true, 1, VTK_UNSIGNED_CHAR, depthBuffer, 32, 0,
                                                   StencilCapable != 0);
            LastMultiSamples = 0;
            state->PopFramebufferBindings();
        } else {
            RenderFramebuffer->Resize(Size[0], Size[1]);
        }
        state->PushFramebufferBindings();
        RenderFramebuffer->Bind();
        RenderFramebuffer->ActivateDrawBuffer(0);
#else
        Superclass::Start();
#endif
    }

protected:
    RenderWindow()
    {
        // Qt owns the context and the window; VTK renders into its framebuffer, and the widget's frame copies it to
        // the window (Frame() would copy it to the display framebuffer first).
        SetOwnContext(0);
        SetFrameBlitModeToNoBlit();
        SetMultiSamples(0);
        SwapBuffersOff();
        SetReadyForRendering(false);
    }
    ~RenderWindow() override = default;
};

vtkStandardNewMacro(RenderWindow);

} // namespace

/// The native GL window inside the widget. It draws the frames and hands every input event to the widget.
class VtkOpenGLWidget::Surface : public QOpenGLWindow
{
public:
    explicit Surface(VtkOpenGLWidget *owner)
        : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate)
        , m_owner(owner)
    {
        // Keyboard focus stays with the top-level window and goes to the widget, so shortcuts and focus chains
        // behave as for any widget.
        setFlag(Qt::WindowDoesNotAcceptFocus);
        // No alpha in the window: VTK's alpha must never reach a desktop compositor (it would blend the desktop
        // into the image). VTK's own framebuffer keeps its alpha channel.
        QSurfaceFormat format = QSurfaceFormat::defaultFormat();
        format.setAlphaBufferSize(0);
        setFormat(format);
    }

    /// The widget this surface draws for; nullptr while the surface is kept spare.
    void setOwner(VtkOpenGLWidget *owner) { m_owner = owner; }

protected:
    void initializeGL() override
    {
        if (m_owner)
            m_owner->initializeSurface();
    }
    void resizeGL(int width, int height) override
    {
        if (m_owner)
            m_owner->resizeSurface(width, height);
    }
    void paintGL() override
    {
        if (m_owner)
            m_owner->renderFrame();
    }

    bool event(QEvent *event) override
    {
        if (!m_owner)
            return QOpenGLWindow::event(event);
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonDblClick:
            if (m_owner->focusPolicy() & Qt::ClickFocus)
                m_owner->setFocus(Qt::MouseFocusReason);
            QCoreApplication::sendEvent(m_owner, event);
            return true;
        case QEvent::MouseMove:
            // A widget sees moves without a button only with mouse tracking on; a window always gets them.
            if (static_cast<QMouseEvent *>(event)->buttons() == Qt::NoButton && !m_owner->hasMouseTracking())
                return true;
            QCoreApplication::sendEvent(m_owner, event);
            return true;
        case QEvent::MouseButtonRelease:
        case QEvent::Wheel:
        case QEvent::KeyPress:
        case QEvent::KeyRelease:
        case QEvent::ContextMenu:
            QCoreApplication::sendEvent(m_owner, event);
            return true;
        default:
            return QOpenGLWindow::event(event);
        }
    }

private:
    VtkOpenGLWidget *m_owner;
};

/// One initialised GL surface kept from a closed viewport for the next one: a new viewer window then skips
/// creating a GL context and, on Mesa's software rasteriser, compiling the context's blit, VTK and QPainter
/// shaders (about 100 ms of its first frame). The container waits, hidden, in a parking widget that is never
/// shown; everything is freed when the application goes down.
struct VtkOpenGLWidget::Spare
{
    QWidget *parking = nullptr; // hidden top-level holding the container
    QWidget *container = nullptr;
    Surface *surface = nullptr;
    vtkGenericOpenGLRenderWindow *renderWindow = nullptr;
    bool contextReady = false;

    static Spare &instance()
    {
        static Spare spare;
        return spare;
    }

    bool isEmpty() const { return container == nullptr; }

    // Frees the kept surface (GL resources with its context current); the parking widget stays for the next.
    void clear()
    {
        if (isEmpty())
            return;
        if (contextReady && surface->isValid()) {
            surface->makeCurrent();
            renderWindow->SetReadyForRendering(true);
            renderWindow->ReleaseGraphicsResources(renderWindow);
            renderWindow->Finalize();
            renderWindow->SetReadyForRendering(false);
            surface->doneCurrent();
        }
        renderWindow->Delete();
        delete container; // and the surface with its context
        *this = Spare {parking};
    }

    static void shutDown()
    {
        Spare &spare = instance();
        spare.clear();
        delete spare.parking;
        spare.parking = nullptr;
    }
};

VtkOpenGLWidget::VtkOpenGLWidget(QWidget *parent)
    : QWidget(parent)
{
    Spare &spare = Spare::instance();
    if (!spare.isEmpty()) {
        m_container = std::exchange(spare.container, nullptr);
        m_surface = std::exchange(spare.surface, nullptr);
        m_renderWindow = std::exchange(spare.renderWindow, nullptr);
        static_cast<RenderWindow *>(m_renderWindow)->depthBuffer = true; // the default, whatever the last owner chose
        m_contextReady = std::exchange(spare.contextReady, false);
        m_container->setParent(this);
        m_surface->setOwner(this);
    } else {
        m_surface = new Surface(this);
        m_renderWindow = RenderWindow::New();
        m_container = QWidget::createWindowContainer(m_surface, this); // takes ownership of the surface
        m_container->setFocusPolicy(Qt::NoFocus);
        // Drags reach the top-level window; with drops off here they go up the widget tree as over any widget (a
        // container accepting them would hand them to the GL window, which has no use for them).
        m_container->setAcceptDrops(false);
    }
    m_makeCurrentObserver
        = m_renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, this, &VtkOpenGLWidget::onRenderWindowEvent);
    m_isCurrentObserver
        = m_renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, this, &VtkOpenGLWidget::onRenderWindowEvent);
    if (m_contextReady)
        watchContext();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_container);
    m_container->show();
}

VtkOpenGLWidget::~VtkOpenGLWidget()
{
    // GL objects must be freed with their context current; the context goes away with the surface (a child of
    // the container, deleted after this body), so stop listening to it first.
    disconnect(m_contextConnection);
    m_renderWindow->RemoveObserver(m_makeCurrentObserver);
    m_renderWindow->RemoveObserver(m_isCurrentObserver);
    if (keepSpare())
        return;
    if (m_contextReady) {
        m_surface->makeCurrent();
        releaseGraphics();
        m_surface->doneCurrent();
    }
    m_renderWindow->Delete();
    m_renderWindow = nullptr;
}

bool VtkOpenGLWidget::keepSpare()
{
    Spare &spare = Spare::instance();
    if (!spare.isEmpty() || !m_contextReady || !m_surface->isValid() || QCoreApplication::closingDown()
        || !qobject_cast<QApplication *>(QCoreApplication::instance()))
        return false;
    if (!spare.parking) {
        spare.parking = new QWidget;
        spare.parking->setAttribute(Qt::WA_DontShowOnScreen);
        qAddPostRoutine(&Spare::shutDown);
    }
    // The scene goes (the subclass's renderers and their textures); the context, VTK's set-up in it, its compiled
    // shaders and VTK's render framebuffer stay: the next viewer, usually of the same size, draws its first frame
    // without allocating and clearing it (on llvmpipe ~20 ms less to the first image, and the cores go to the
    // decoders). It is resized when the next window's size differs. About 3 MB (a slice viewport's colour buffer at
    // 936 × 721) besides the surface's own buffers while no viewer is open.
    m_surface->makeCurrent();
    m_renderWindow->SetReadyForRendering(true);
    vtkRendererCollection *renderers = m_renderWindow->GetRenderers();
    while (renderers->GetNumberOfItems() > 0) {
        vtkRenderer *renderer = renderers->GetFirstRenderer();
        renderer->ReleaseGraphicsResources(m_renderWindow);
        m_renderWindow->RemoveRenderer(renderer);
    }
    m_renderWindow->SetReadyForRendering(false);
    m_surface->doneCurrent();
    m_surface->setOwner(nullptr);
    m_container->setParent(spare.parking);
    spare.container = std::exchange(m_container, nullptr);
    spare.surface = std::exchange(m_surface, nullptr);
    spare.renderWindow = std::exchange(m_renderWindow, nullptr);
    spare.contextReady = true;
    return true;
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
    // Where the window system gives no frame pacing (X11), Qt delivers a window's requested frame 5 ms late, to
    // coalesce updates. Every step of a scroll paid that wait: on Mesa llvmpipe 33 slices per second instead of 48.
    // Updates asked for within one pass of the event loop still make one frame.
    if (!qEnvironmentVariableIsSet("QT_QPA_UPDATE_IDLE_TIME"))
        qputenv("QT_QPA_UPDATE_IDLE_TIME", "0");
}

bool VtkOpenGLWidget::hasSpareSurface()
{
    return !Spare::instance().isEmpty();
}

vtkGenericOpenGLRenderWindow *VtkOpenGLWidget::renderWindow() const
{
    return m_renderWindow;
}

void VtkOpenGLWidget::setSceneDepthBuffer(bool wanted)
{
    auto *window = static_cast<RenderWindow *>(m_renderWindow);
    if (window->depthBuffer == wanted)
        return;
    window->depthBuffer = wanted;
    update();
}

void VtkOpenGLWidget::update()
{
    m_sceneStale = true;
    m_surface->update();
}

void VtkOpenGLWidget::updateOverlay()
{
    m_surface->update();
}

QImage VtkOpenGLWidget::grabFramebuffer()
{
    if (!m_contextReady || !m_surface->isValid())
        return {};
    m_surface->makeCurrent();
    renderFrame(); // into the back buffer; not swapped, the next frame draws anew
    const qreal ratio = m_surface->devicePixelRatio();
    const int width = qRound(m_surface->width() * ratio);
    const int height = qRound(m_surface->height() * ratio);
    QImage image(width, height, QImage::Format_RGBA8888);
    QOpenGLExtraFunctions *gl = m_surface->context()->extraFunctions();
    gl->glBindFramebuffer(GL_READ_FRAMEBUFFER, m_surface->defaultFramebufferObject());
    gl->glReadBuffer(m_surface->defaultFramebufferObject() == 0 ? GL_BACK : GL_COLOR_ATTACHMENT0);
    gl->glPixelStorei(GL_PACK_ALIGNMENT, 4);
    gl->glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.bits());
    image = image.mirrored().convertToFormat(QImage::Format_RGB32);
    image.setDevicePixelRatio(ratio);
    return image;
}

void VtkOpenGLWidget::initializeSurface()
{
    if (m_contextReady)
        releaseGraphics();
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->SetIsDirect(true);
    m_renderWindow->SetSupportsOpenGL(true);
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->OpenGLInitContext();
    m_renderWindow->SetReadyForRendering(false);
    m_contextReady = true;
    m_sceneStale = true;
    watchContext();
}

void VtkOpenGLWidget::watchContext()
{
    disconnect(m_contextConnection);
    m_contextConnection = connect(
        m_surface->context(), &QOpenGLContext::aboutToBeDestroyed, this,
        [this] {
            m_surface->makeCurrent();
            releaseGraphics();
            m_surface->doneCurrent();
        },
        Qt::DirectConnection);
}

void VtkOpenGLWidget::resizeSurface(int width, int height)
{
    const qreal ratio = m_surface->devicePixelRatio();
    m_renderWindow->SetSize(qRound(width * ratio), qRound(height * ratio));
    // A new frame at the new size: a window made smaller is not exposed again (X11), and the last picture would be
    // squeezed into it until something else asked for a repaint.
    m_sceneStale = true;
    m_surface->update();
}

void VtkOpenGLWidget::renderFrame()
{
    if (!m_contextReady)
        return;
    if (!hasScene()) {
        QOpenGLFunctions *gl = m_surface->context()->functions();
        gl->glBindFramebuffer(GL_FRAMEBUFFER, m_surface->defaultFramebufferObject());
        gl->glDisable(GL_SCISSOR_TEST);
        gl->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        gl->glClearColor(0, 0, 0, 1);
        gl->glClear(GL_COLOR_BUFFER_BIT);
        m_sceneStale = true; // VTK's framebuffer holds an older scene, if any
        emit framePainted();
        return;
    }
    // Nothing asked for a new picture since the last one (the window was exposed again, e.g. when first mapped):
    // VTK's render framebuffer still holds it, so it is only copied to the window again. On a software renderer
    // that spares the cores a full render, which matters most while a series is still decoding.
    const bool rerender = m_sceneStale;
    if (rerender)
        prepareRender();

    // Qt leaves its own GL state behind (depth function GL_LESS, bound buffers); VTK caches state, so make it
    // re-read the real state and restore Qt's afterwards.
    vtkOpenGLState *state = m_renderWindow->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    if (rerender) {
        m_renderWindow->SetReadyForRendering(true);
        m_renderWindow->Render();
        m_renderWindow->SetReadyForRendering(false);
        m_sceneStale = false;
    }

    // Rendering may have switched contexts (progress events repainting other viewports). Only then make ours
    // current again, and let VTK re-read the framebuffer bindings that makeCurrent() changed behind its back.
    QOpenGLContext *context = m_surface->context();
    if (QOpenGLContext::currentContext() != context) {
        m_surface->makeCurrent();
        state->ResetFramebufferBindings();
    }
    const qreal ratio = m_surface->devicePixelRatio();
    const int deviceWidth = qRound(m_surface->width() * ratio);
    const int deviceHeight = qRound(m_surface->height() * ratio);
    const GLuint target = m_surface->defaultFramebufferObject();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    GLenum drawBuffer = target == 0 ? GL_BACK : GL_COLOR_ATTACHMENT0;
    state->vtkglDrawBuffers(1, &drawBuffer);
    state->vtkglDisable(GL_SCISSOR_TEST);
    vtkOpenGLFramebufferObject *rendered = m_renderWindow->GetRenderFramebuffer();
    const int *renderedSize = rendered->GetLastSize();
    rendered->Bind(GL_READ_FRAMEBUFFER);
    rendered->ActivateReadBuffer(0);
    state->vtkglBlitFramebuffer(0, 0, renderedSize[0], renderedSize[1], 0, 0, deviceWidth, deviceHeight,
                                GL_COLOR_BUFFER_BIT, GL_NEAREST);
    state->Pop();
    m_surface->makeCurrent(); // binds the surface's framebuffer again for QPainter

    {
        QPainter painter(m_surface);
        paintOverlay(painter);
        emit paintingOverlay(painter);
    }
    emit framePainted();
}

void VtkOpenGLWidget::paintOverlay(QPainter &) { }

void VtkOpenGLWidget::prepareRender() { }

bool VtkOpenGLWidget::hasScene() const
{
    return true;
}

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
    QOpenGLContext *ours = m_surface ? m_surface->context() : nullptr;
    if (eventId == vtkCommand::WindowMakeCurrentEvent) {
        // The context only, on our window: VTK binds its own framebuffers under its cached GL state.
        if (ours && QOpenGLContext::currentContext() != ours)
            ours->makeCurrent(m_surface);
    } else if (eventId == vtkCommand::WindowIsCurrentEvent) {
        QOpenGLContext *current = QOpenGLContext::currentContext();
        *static_cast<bool *>(callData) = current && current == ours;
    }
}

} // namespace lightbox

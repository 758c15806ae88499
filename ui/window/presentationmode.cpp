#include "presentationmode.h"
#include "colors.h"

#include <QDockWidget>
#include <QEvent>
#include <QLayout>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace np {

PresentationMode::PresentationMode(QMainWindow *window, const Docks &docks)
    : QObject(window)
    , m_window(window)
    , m_docks(docks)
{
}

void PresentationMode::enter()
{
    if (m_active)
        return;
    m_active = true;
    m_state = m_window->saveState(kStateVersion);
    m_geometry = m_window->saveGeometry();
    m_font = m_window->font();
    m_menuVisible = m_window->menuBar()->isVisible();

    // The menu's shortcuts still work: they belong to the window's actions, not the menu bar.
    m_window->menuBar()->hide();
    QFont large = m_font;
    if (large.pointSizeF() > 0)
        large.setPointSizeF(large.pointSizeF() * kFontScale);
    else
        large.setPixelSize(int(large.pixelSize() * kFontScale));
    m_window->setFont(large);
    // The lesson column is the teacher's, not the back row's: less large, so that a lesson
    // with long variant names leaves the plane its room.
    QFont lessons = m_font;
    if (lessons.pointSizeF() > 0)
        lessons.setPointSizeF(lessons.pointSizeF() * kLessonFontScale);
    else
        lessons.setPixelSize(int(lessons.pixelSize() * kLessonFontScale));
    m_docks.lessons->setFont(lessons);
    // So is the diagram's lettering: its maps carry the picture, and at the full scale five
    // columns' titles and choosers would not fit the column beside the plane.
    m_docks.diagram->widget()->setFont(lessons);
    m_titles.clear();
    for (const auto &[dock, title] : std::as_const(m_docks.shortTitles)) {
        m_titles.append({dock, dock->windowTitle()});
        dock->setWindowTitle(title);
    }
    m_docks.lessons->installEventFilter(this);
    setColorScheme(ColorScheme::HighContrast);
    // The screen's size too, for window managers (or none, as under Xvfb) that ignore the state.
    if (const QScreen *screen = m_window->screen())
        m_window->setGeometry(screen->geometry());
    m_window->showFullScreen();
    arrange();
    // Again once the window system has made the window full screen (a window manager may do so
    // after a round trip): the docks' sizes are shares of the final size.
    m_arrangeOnResize = true;
    m_window->installEventFilter(this);
    emit activeChanged(true);
}

bool PresentationMode::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize && m_active && m_arrangeOnResize) {
        // After the layout has taken the new size.
        QTimer::singleShot(0, this, [this] {
            if (m_active && m_window->isFullScreen()) {
                m_arrangeOnResize = false;
                arrange();
            }
        });
    }
    // Another lesson's start buttons may need another width: the plane keeps its share.
    if (watched == m_docks.lessons && event->type() == QEvent::LayoutRequest && m_active) {
        QTimer::singleShot(0, this, [this] {
            if (m_active && m_docks.lessons->minimumSizeHint().width() != m_lessonsWidth)
                arrange();
        });
    }
    return QObject::eventFilter(watched, event);
}

void PresentationMode::arrange()
{
    if (!m_active)
        return;
    for (QDockWidget *dock : std::as_const(m_docks.hidden))
        dock->hide();
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (m_window->toolBarArea(bar) != Qt::TopToolBarArea)
            m_window->addToolBar(Qt::TopToolBarArea, bar);
    }
    // Two rows: at 1.6 times the font the training controls and the view buttons need them.
    if (m_docks.viewBar && !m_window->toolBarBreak(m_docks.viewBar))
        m_window->insertToolBarBreak(m_docks.viewBar);

    m_docks.lessons->setFloating(false);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_docks.lessons);
    m_docks.lessons->show();
    m_docks.views->setFloating(false);
    m_docks.diagram->setFloating(false);
    // The right column holds one view at a time, the diagram among them: on a 1280x720 projector
    // two views stacked there would each be too small to read from the back of the room. The
    // view switcher brings one forward; in front is the lesson's view, else the diagram.
    if (m_window->dockWidgetArea(m_docks.views) != Qt::RightDockWidgetArea
        || !m_window->tabifiedDockWidgets(m_docks.views).contains(m_docks.diagram)) {
        QList<QDockWidget *> group = m_window->tabifiedDockWidgets(m_docks.views);
        QDockWidget *front = nullptr;
        for (QDockWidget *dock : std::as_const(group)) {
            if (dock->isVisible() && !dock->visibleRegion().isEmpty())
                front = dock;
        }
        if (!front && m_docks.diagram->isVisible())
            front = m_docks.diagram;
        group.removeAll(m_docks.diagram);
        group.append(m_docks.diagram);
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_docks.views);
        for (QDockWidget *dock : std::as_const(group)) {
            const bool hidden = dock->isHidden();
            dock->setFloating(false);
            m_window->tabifyDockWidget(m_docks.views, dock);
            dock->setHidden(hidden);
        }
        if (front)
            front->raise();
    }

    // What is left beside the plane goes to the lesson (a fifth) and the views (the rest).
    m_window->layout()->activate();
    const QSize size = m_window->size();
    const int height = m_window->centralWidget() ? m_window->centralWidget()->height() : size.height();
    // The plane's square itself (not only its widget) at least kMinPlane: its axes take about
    // a fifth besides.
    const int plane = std::max(kMinPlane * 13 / 10, std::min(height + height / 5, size.width() * 2 / 5));
    m_lessonsWidth = m_docks.lessons->minimumSizeHint().width();
    const int lessons = std::max(std::clamp(size.width() / 5, 220, 340), m_lessonsWidth);
    const int views = std::max(size.width() - lessons - plane - 12, 200);
    m_window->resizeDocks({m_docks.lessons, m_docks.views}, {lessons, views}, Qt::Horizontal);
}

void PresentationMode::leave()
{
    if (!m_active)
        return;
    m_active = false;
    m_window->removeEventFilter(this);
    m_docks.lessons->removeEventFilter(this);
    m_docks.lessons->setFont(QFont());  // inherits the window's again
    m_docks.diagram->widget()->setFont(QFont());
    for (const auto &[dock, title] : std::as_const(m_titles))
        dock->setWindowTitle(title);
    setColorScheme(ColorScheme::Standard);
    m_window->setFont(m_font);
    m_window->menuBar()->setVisible(m_menuVisible);
    m_window->showNormal();
    m_window->restoreGeometry(m_geometry);
    m_window->restoreState(m_state, kStateVersion);
    fitToScreen(m_window);
    emit activeChanged(false);
}

void fitToScreen(QWidget *window)
{
    const QScreen *screen = window->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame's decorations count against the screen too.
    const QSize decoration = window->frameGeometry().size() - window->size();
    const QSize size = window->size().boundedTo(available.size() - decoration);
    if (size != window->size())
        window->resize(size);
    const QRect frame = window->frameGeometry();
    const QPoint topLeft(std::clamp(frame.x(), available.left(), std::max(available.left(), available.right() + 1 - frame.width())),
                         std::clamp(frame.y(), available.top(), std::max(available.top(), available.bottom() + 1 - frame.height())));
    if (topLeft != frame.topLeft())
        window->move(topLeft);
}

}  // namespace np

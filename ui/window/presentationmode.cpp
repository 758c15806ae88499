#include "presentationmode.h"
#include "colors.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QToolBar>

namespace np {

PresentationMode::PresentationMode(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
}

void PresentationMode::enter(const QList<QDockWidget *> &hidden, const QList<QAction *> &controls)
{
    if (m_active)
        return;
    m_active = true;
    m_state = m_window->saveState();
    m_geometry = m_window->saveGeometry();
    m_font = m_window->font();
    m_menuVisible = m_window->menuBar()->isVisible();

    QList<QDockWidget *> keep;
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        if (hidden.contains(dock))
            dock->hide();
        else
            keep.append(dock);
    }
    m_hiddenActions.clear();
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        for (QAction *action : bar->actions()) {
            if (!controls.contains(action) && action->isVisible()) {
                action->setVisible(false);
                m_hiddenActions.append(action);
            }
        }
    }
    // The menu's shortcuts still work: they belong to the window's actions, not the menu bar.
    m_window->menuBar()->hide();

    QFont large = m_font;
    if (large.pointSizeF() > 0)
        large.setPointSizeF(large.pointSizeF() * kFontScale);
    else
        large.setPixelSize(int(large.pixelSize() * kFontScale));
    m_window->setFont(large);
    setColorScheme(ColorScheme::HighContrast);
    // The screen's size too, for window managers (or none, as under Xvfb) that ignore the state.
    if (const QScreen *screen = m_window->screen())
        m_window->setGeometry(screen->geometry());
    m_window->showFullScreen();
    // The views beside the plane get a third of the screen, so they read from the back row.
    QList<QDockWidget *> shown;
    QList<int> widths;
    for (QDockWidget *dock : keep) {
        if (dock->isVisible() && !dock->isFloating()) {
            shown.append(dock);
            widths.append(m_window->width() / 3);
        }
    }
    m_window->resizeDocks(shown, widths, Qt::Horizontal);
    emit activeChanged(true);
}

void PresentationMode::leave()
{
    if (!m_active)
        return;
    m_active = false;
    setColorScheme(ColorScheme::Standard);
    m_window->setFont(m_font);
    for (const QPointer<QAction> &action : std::as_const(m_hiddenActions)) {
        if (action)
            action->setVisible(true);
    }
    m_hiddenActions.clear();
    m_window->menuBar()->setVisible(m_menuVisible);
    m_window->showNormal();
    m_window->restoreGeometry(m_geometry);
    m_window->restoreState(m_state);
    emit activeChanged(false);
}

}  // namespace np

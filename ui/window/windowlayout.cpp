#include "windowlayout.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QLayout>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QToolBar>

#include <algorithm>

namespace np {

namespace {

QRect availableGeometry(const QWidget *window)
{
    const QScreen *screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect(0, 0, 1280, 800);
}

}  // namespace

WindowLayout::WindowLayout(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
}

void WindowLayout::captureDefault()
{
    m_default = m_window->saveState(kVersion);
}

QString WindowLayout::settingsGroup() const
{
    const QSize screen = availableGeometry(m_window).size();
    return QStringLiteral("layout/%1x%2").arg(screen.width()).arg(screen.height());
}

QSize WindowLayout::defaultSize() const
{
    // Nearly the whole screen: 95% of a laptop's or projector's, 90% of a larger one's (the
    // diagram's maps grow with it), never more than a comfortable 2400x1500.
    const QSize available = availableGeometry(m_window).size();
    const double share = available.width() > 1440 ? 0.90 : 0.95;
    return (available * share).boundedTo(QSize(2400, 1500));
}

void WindowLayout::restore(QSettings &settings)
{
    // Layouts of versions before kVersion were kept without one, under these keys.
    settings.remove(QStringLiteral("geometry"));
    settings.remove(QStringLiteral("windowState"));
    settings.beginGroup(settingsGroup());
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    const QByteArray state = settings.value(QStringLiteral("windowState")).toByteArray();
    settings.endGroup();
    // The minimum still counts the docks that start closed (it grew while they were being
    // added); brought up to date, it lets the window be its proper size.
    m_window->layout()->activate();
    if (!m_window->restoreGeometry(geometry) || !geometryFitsScreen()) {
        m_window->resize(defaultSize());
        const QRect available = availableGeometry(m_window);
        m_window->move(available.center() - QRect(QPoint(), m_window->size()).center());
    }
    if (!m_window->restoreState(state, kVersion))
        applyDefaultSizes();
}

void WindowLayout::save(QSettings &settings, const QByteArray &geometry, const QByteArray &state) const
{
    settings.beginGroup(settingsGroup());
    settings.setValue(QStringLiteral("geometry"), geometry);
    settings.setValue(QStringLiteral("windowState"), state);
    settings.endGroup();
}

void WindowLayout::reset()
{
    // Docks floated or moved since are put back; a toolbar that was hidden comes back.
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        dock->setFloating(false);
    m_window->restoreState(m_default, kVersion);
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (bar->objectName() != QLatin1String("recoveryBar"))
            bar->show();
    }
    applyDefaultSizes();
}

bool WindowLayout::geometryFitsScreen() const
{
    // Not larger than the screen, and mostly on it: a window saved on a larger screen or on a
    // monitor no longer attached opens at the default size instead.
    const QRect available = availableGeometry(m_window);
    const QRect frame = m_window->frameGeometry();
    if (frame.width() > available.width() + 8 || frame.height() > available.height() + 8)
        return false;
    const QRect on = frame.intersected(available);
    return qint64(on.width()) * on.height() >= qint64(frame.width()) * frame.height() * 9 / 10;
}

void WindowLayout::applyDefaultSizes()
{
    // In proportion to the window, once it has its size: the settings column about a quarter,
    // the diagram a third, the plane the rest with the loss plot a third of the height below it.
    const QSize size = m_window->size();
    auto *data = m_window->findChild<QDockWidget *>(QStringLiteral("dataDock"));
    auto *training = m_window->findChild<QDockWidget *>(QStringLiteral("trainingDock"));
    auto *loss = m_window->findChild<QDockWidget *>(QStringLiteral("lossDock"));
    auto *diagram = m_window->findChild<QDockWidget *>(QStringLiteral("networkDiagramDock"));
    const int side = std::clamp(size.width() * 23 / 100, 270, 420);
    const int network = std::clamp(size.width() * 33 / 100, 340, 760);
    m_window->resizeDocks({data, diagram}, {side, network}, Qt::Horizontal);
    m_window->resizeDocks({data, training}, {size.height() * 11 / 20, size.height() * 9 / 20}, Qt::Vertical);
    m_window->resizeDocks({loss}, {size.height() * 3 / 10}, Qt::Vertical);
}

}  // namespace np

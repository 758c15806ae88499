#include "windowlayout.h"

#include "networkdiagram.h"

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
    // 1280x800 logical pixels, or less on a small or scaled screen (1.5x on 1080p).
    return QSize(1280, 800).boundedTo(availableGeometry(m_window).size() * 0.95);
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
    // In proportion to the window, once it has its size: settings columns of about a quarter
    // each, the plane in the middle with the diagram a strip below it, scrolled when deep.
    const QSize size = m_window->size();
    auto *data = m_window->findChild<QDockWidget *>(QStringLiteral("dataDock"));
    auto *training = m_window->findChild<QDockWidget *>(QStringLiteral("trainingDock"));
    auto *loss = m_window->findChild<QDockWidget *>(QStringLiteral("lossDock"));
    auto *diagram = m_window->findChild<QDockWidget *>(QStringLiteral("networkDiagramDock"));
    const int side = std::clamp(size.width() / 4, 300, 420);
    m_window->resizeDocks({data, training}, {side, side}, Qt::Horizontal);
    // The diagram as tall as maps of 32 px (40 px from 1080 px up) need for 8 units, within reason.
    int diagramHeight = size.height() * 3 / 10;
    if (const auto *network = m_window->findChild<NetworkDiagram *>())
        diagramHeight = network->heightForMaps(size.height() >= 1000 ? 40 : 32, 8) + m_window->fontMetrics().height()
                        + 8;  // the dock's title
    m_window->resizeDocks({diagram}, {std::clamp(diagramHeight, size.height() * 3 / 10, size.height() / 2)},
                          Qt::Vertical);
    m_window->resizeDocks({training, loss}, {size.height() / 2, size.height() / 3}, Qt::Vertical);
}

}  // namespace np

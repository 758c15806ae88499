#pragma once

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;
class QToolBar;

namespace np {

/// Full-screen presentation for a projector: larger fonts (the views scale their points and
/// lines with the font), the high-contrast class colours and a layout for a class: the lesson
/// list on the left, the plane in the middle at least kMinPlane pixels square, the views (the
/// loss plot's tab group, the network diagram one of its tabs) on the right; the settings docks and the
/// menu bar make room, the toolbars (training buttons, speed, view switcher) stay. Leaving
/// restores the window's size, position and docks, never wider than its screen.
class PresentationMode : public QObject
{
    Q_OBJECT

public:
    /// The docks it arranges: `hidden` are put away while presenting; `lessons` goes left (opened
    /// even when closed before); `diagram` joins `views` (the loss plot's tab group) on the right.
    struct Docks
    {
        QList<QDockWidget *> hidden;
        QDockWidget *lessons = nullptr;
        QDockWidget *views = nullptr;
        QDockWidget *diagram = nullptr;
        QToolBar *viewBar = nullptr;  ///< starts a toolbar row of its own
        /// Titles that fit the view column's tabs at the large type ("Loss" for "Loss and
        /// Metrics"), as the view buttons name them; the docks' own come back on leaving.
        QList<QPair<QDockWidget *, QString>> shortTitles;
    };

    PresentationMode(QMainWindow *window, const Docks &docks);

    bool isActive() const { return m_active; }
    void enter();
    void leave();
    /// The window's geometry and docks (saveState with kVersion) from before entering.
    QByteArray savedGeometry() const { return m_geometry; }
    QByteArray savedState() const { return m_state; }
    /// Lays the docks out for the window's present size (again after Reset Layout).
    void arrange();

    /// How much larger the fonts get.
    static constexpr double kFontScale = 1.6;
    /// How much larger the lesson column's fonts get.
    static constexpr double kLessonFontScale = 1.25;
    /// The plane's smallest side in presentation on a 1280x720 projector.
    static constexpr int kMinPlane = 400;
    /// The version of the saved dock state (WindowLayout::kVersion).
    static constexpr int kStateVersion = 3;

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMainWindow *m_window;
    Docks m_docks;
    bool m_active = false;
    QByteArray m_state;
    QList<QPair<QDockWidget *, QString>> m_titles;  // the docks' titles from before entering
    QByteArray m_geometry;
    QFont m_font;
    bool m_menuVisible = true;
    bool m_arrangeOnResize = false;
    int m_lessonsWidth = 0;  // the lesson column's minimum when last arranged
};

/// Moves and shrinks `window` so that it lies within its screen's available area.
void fitToScreen(QWidget *window);

}  // namespace np

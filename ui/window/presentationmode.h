#pragma once

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;

namespace np {

/// Full-screen presentation for a projector: larger fonts (the views scale their points and
/// lines with the font), the high-contrast class colours, only the docks worth showing a
/// class, and the toolbar reduced to the training buttons. Leaving restores the window exactly.
class PresentationMode : public QObject
{
    Q_OBJECT

public:
    explicit PresentationMode(QMainWindow *window);

    bool isActive() const { return m_active; }
    /// Enters with the `hidden` docks hidden and the others kept (as they are, if open); of the
    /// toolbars' actions only `controls` stay visible.
    void enter(const QList<QDockWidget *> &hidden, const QList<QAction *> &controls);
    void leave();

    /// How much larger the fonts get.
    static constexpr double kFontScale = 1.6;

signals:
    void activeChanged(bool active);

private:
    QMainWindow *m_window;
    bool m_active = false;
    QByteArray m_state;
    QByteArray m_geometry;
    QFont m_font;
    bool m_menuVisible = true;
    QList<QPointer<QAction>> m_hiddenActions;
};

}  // namespace np

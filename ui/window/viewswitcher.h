#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;

namespace np {

/// The views a teacher brings forward while talking: a toolbar ("viewToolBar") of large
/// checkable buttons, Plane, then the views MainWindow lists (Loss … Diagram; actions named
/// "view.plane", "view.loss", … "view.diagram", Alt+1 … Alt+9 and Alt+0 for the tenth). A view's button is checked
/// while its view is on screen; pressing it opens the view's dock and raises it above the docks
/// it shares tabs with, pressing it again puts the view away. Plane puts every view away so the
/// plane has the screen to itself; pressed again, it brings them back.
class ViewSwitcher : public QObject
{
    Q_OBJECT

public:
    struct View
    {
        QString key;  ///< "loss", "folding", …
        QString title;
        QDockWidget *dock;
    };

    /// `views` in the order of the buttons, after Plane.
    ViewSwitcher(QMainWindow *window, const QList<View> &views);
    const QList<View> &views() const { return m_views; }

    QToolBar *toolBar() const { return m_bar; }
    QList<QAction *> actions() const { return m_actions; }
    /// Opens the view's dock and raises it ("plane": puts the other views away).
    void bringForward(const QString &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setPlaneAlone(bool alone);
    /// When the buttons do not fit beside the training controls (Qt would hide the last ones
    /// behind »), they move to a row of their own.
    void keepButtonsWhole();
    void updateChecks();

    QMainWindow *m_window;
    QList<View> m_views;
    QToolBar *m_bar;
    QList<QAction *> m_actions;  // Plane first, then one per view
    QList<QPointer<QDockWidget>> m_putAway;  // what Plane hid, to bring back
    bool m_updating = false;
};

}  // namespace np

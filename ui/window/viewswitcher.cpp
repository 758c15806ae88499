#include "viewswitcher.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QTimer>
#include <QToolBar>

namespace np {

ViewSwitcher::ViewSwitcher(QMainWindow *window, const QList<View> &views)
    : QObject(window)
    , m_window(window)
    , m_views(views)
{
    m_bar = window->addToolBar(tr("View Buttons"));
    m_bar->setObjectName(QStringLiteral("viewToolBar"));
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto add = [&](const QString &key, const QString &title, const QString &toolTip) {
        auto *a = new QAction(title, window);
        a->setObjectName(QStringLiteral("view.") + key);
        a->setCheckable(true);
        // Alt+1 … Alt+9, then Alt+0 for a tenth button (the digits' order on the keyboard).
        const int n = int(m_actions.size());
        if (n < 10)
            a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(n < 9 ? Qt::Key_1 + n : Qt::Key_0)));
        a->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, a->shortcut().toString(QKeySequence::NativeText)));
        window->addAction(a);  // works with the toolbar hidden
        m_bar->addAction(a);
        m_actions.append(a);
        return a;
    };
    QAction *plane = add(QStringLiteral("plane"), tr("Plane"),
                         tr("The plane alone, as large as the window allows; again brings the other views back"));
    connect(plane, &QAction::triggered, this, &ViewSwitcher::setPlaneAlone);
    for (const View &view : views) {
        QAction *a = add(view.key, view.title, tr("Bring the %1 view forward; again puts it away").arg(view.title));
        QDockWidget *dock = view.dock;
        connect(a, &QAction::triggered, this, [this, dock](bool on) {
            if (on) {
                bringForward(dock->objectName());
            } else {
                dock->hide();
                updateChecks();
            }
        });
        // A tabbed dock reports its visibility as its tab is raised or covered.
        connect(dock, &QDockWidget::visibilityChanged, this, [this] {
            // After the dock area has settled: raising one tab hides another in between.
            QTimer::singleShot(0, this, &ViewSwitcher::updateChecks);
        });
    }
    updateChecks();
    window->installEventFilter(this);
}

bool ViewSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        QTimer::singleShot(0, this, &ViewSwitcher::keepButtonsWhole);  // after the layout has run
    return QObject::eventFilter(watched, event);
}

void ViewSwitcher::keepButtonsWhole()
{
    if (!m_bar->isVisible() || m_window->toolBarArea(m_bar) != Qt::TopToolBarArea || m_window->toolBarBreak(m_bar))
        return;
    if (m_bar->width() < m_bar->sizeHint().width())
        m_window->insertToolBarBreak(m_bar);
}

void ViewSwitcher::bringForward(const QString &key)
{
    if (key == QLatin1String("plane")) {
        setPlaneAlone(true);
        return;
    }
    for (const View &view : std::as_const(m_views)) {
        if (view.key == key || view.dock->objectName() == key) {
            m_putAway.clear();
            view.dock->show();
            view.dock->raise();
        }
    }
    updateChecks();
}

void ViewSwitcher::setPlaneAlone(bool alone)
{
    if (alone) {
        m_putAway.clear();
        for (const View &view : std::as_const(m_views)) {
            if (view.dock->isVisible())
                m_putAway.append(view.dock);
        }
        for (const QPointer<QDockWidget> &dock : std::as_const(m_putAway))
            dock->hide();
    } else {
        for (const QPointer<QDockWidget> &dock : std::as_const(m_putAway)) {
            if (dock)
                dock->show();
        }
        m_putAway.clear();
    }
    updateChecks();
}

void ViewSwitcher::updateChecks()
{
    bool anyShown = false;
    for (int i = 0; i < m_views.size(); ++i) {
        // Visible and not covered by another tab.
        const QDockWidget *dock = m_views[i].dock;
        const bool shown = dock->isVisible() && !dock->visibleRegion().isEmpty();
        m_actions[i + 1]->setChecked(shown);
        anyShown = anyShown || shown;
    }
    m_actions[0]->setChecked(!anyShown && !m_putAway.isEmpty());
}

}  // namespace np

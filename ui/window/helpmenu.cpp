#include "helpmenu.h"

#include "aboutdialog.h"
#include "shortcutsdialog.h"
#include "userguide.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>

namespace np {

HelpMenu::HelpMenu(QMainWindow *window, QMenu *help)
    : QObject(window)
    , m_window(window)
{
    auto add = [&](const QString &name, const QString &text, const QKeySequence &key, const QString &toolTip,
                   auto slot) {
        auto *a = new QAction(text, window);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setToolTip(toolTip);
        connect(a, &QAction::triggered, this, slot);
        window->addAction(a);  // works with the menu bar hidden (presentation mode)
        help->addAction(a);
    };
    add(QStringLiteral("userGuide"), tr("&User Guide"), QKeySequence::HelpContents,
        tr("The illustrated guide to painting, building, training, the views, lessons and presentation (F1)"),
        [this] { showUserGuide(); });
    add(QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_Question),
        tr("Every keyboard shortcut of the window (?)"), [this] { showShortcuts(); });
    help->addSeparator();
    help->addAction(tr("&About Neural Playground"), window, [window] { showAboutDialog(window); });
}

UserGuide *HelpMenu::showUserGuide()
{
    if (!m_guide)
        m_guide = new UserGuide(m_window);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
    return m_guide;
}

ShortcutsDialog *HelpMenu::showShortcuts()
{
    if (!m_shortcuts)
        m_shortcuts = new ShortcutsDialog(m_window);
    m_shortcuts->refresh();
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
    return m_shortcuts;
}

}  // namespace np

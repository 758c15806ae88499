#pragma once

#include <QObject>
#include <QPointer>

class QMainWindow;
class QMenu;

namespace np {

class ShortcutsDialog;
class UserGuide;

/// The Help menu: User Guide (F1, action "userGuide"), Keyboard Shortcuts ("?", action
/// "shortcuts") and About. The guide and the shortcut list open beside the window, non-modal,
/// and work in presentation mode too (their actions belong to the window).
class HelpMenu : public QObject
{
    Q_OBJECT

public:
    HelpMenu(QMainWindow *window, QMenu *help);

    UserGuide *showUserGuide();
    ShortcutsDialog *showShortcuts();

private:
    QMainWindow *m_window;
    QPointer<UserGuide> m_guide;
    QPointer<ShortcutsDialog> m_shortcuts;
};

}  // namespace np

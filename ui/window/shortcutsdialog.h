#pragma once

#include <QDialog>

class QMainWindow;
class QTreeWidget;

namespace np {

/// Help › Keyboard Shortcuts (also "?"): every shortcut of the window's actions, grouped by the
/// menu that holds the action, read from the actions each time it opens so it cannot go stale.
/// Non-modal: it stays open beside the window.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QMainWindow *window);

    /// Reads the actions again.
    void refresh();
    /// Rows as "group\taction\tkeys", in display order (for tests and the guide).
    QStringList rows() const;

private:
    QMainWindow *m_window;
    QTreeWidget *m_tree;
};

}  // namespace np

#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace np {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.remove(QStringLiteral("…"));
    return text.trimmed();
}

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        keys.append(key.toString(QKeySequence::NativeText));
    return keys.join(QStringLiteral(", "));
}

// Depth first, submenus after the menu's own actions, keeping the menus' order.
void collect(const QMenu *menu, QList<QAction *> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->menu())
            collect(a->menu(), out);
        else if (!a->isSeparator())
            out.append(a);
    }
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow *window)
    : QDialog(window)
    , m_window(window)
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    setModal(false);
    m_tree->setObjectName(QStringLiteral("shortcutsList"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Command"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close this list (Esc)"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 36);
    refresh();
}

void ShortcutsDialog::refresh()
{
    m_tree->clear();
    QSet<const QAction *> listed;
    auto addGroup = [&](const QString &title, const QList<QAction *> &actions) {
        QTreeWidgetItem *group = nullptr;
        for (const QAction *a : actions) {
            if (a->shortcuts().isEmpty() || listed.contains(a))
                continue;
            listed.insert(a);
            if (!group) {
                group = new QTreeWidgetItem(m_tree, {title});
                group->setFirstColumnSpanned(true);
                QFont bold = group->font(0);
                bold.setBold(true);
                group->setFont(0, bold);
            }
            new QTreeWidgetItem(m_tree, {plainText(a), keysText(a)});
        }
    };
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        if (!menuAction->menu())
            continue;
        QList<QAction *> actions;
        collect(menuAction->menu(), actions);
        QString title = menuAction->text();
        addGroup(title.remove(QLatin1Char('&')), actions);
    }
    // Window actions in no menu: the view buttons, leaving presentation.
    addGroup(tr("Views and presentation"), m_window->findChildren<QAction *>(Qt::FindDirectChildrenOnly));
}

QStringList ShortcutsDialog::rows() const
{
    QStringList rows;
    QString group;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->isFirstColumnSpanned())
            group = item->text(0);
        else
            rows.append(group + QLatin1Char('\t') + item->text(0) + QLatin1Char('\t') + item->text(1));
    }
    return rows;
}

}  // namespace np

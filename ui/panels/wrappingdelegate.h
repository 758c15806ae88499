#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace np {

/// Lets a tree's items wrap onto as many lines as their text needs at the tree's present width
/// (QTreeView alone sizes a wrapped row as if it had one line). The tree lays its rows out again
/// when its width changes.
class WrappingDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WrappingDelegate(QTreeView *tree);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTreeView *m_tree;
    QWidget *m_viewport;  ///< the tree's, whose resizes lay the rows out again
    int m_width = -1;
};

}  // namespace np

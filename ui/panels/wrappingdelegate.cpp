#include "wrappingdelegate.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>
#include <QTreeView>

#include <algorithm>

namespace np {

WrappingDelegate::WrappingDelegate(QTreeView *tree)
    : QStyledItemDelegate(tree)
    , m_tree(tree)
    , m_viewport(tree->viewport())
{
    tree->setWordWrap(true);
    tree->setTextElideMode(Qt::ElideNone);
    tree->setUniformRowHeights(false);
    m_viewport->installEventFilter(this);
}

QSize WrappingDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    int depth = 0;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        ++depth;
    const QStyle *style = m_tree->style();
    const int margin = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_tree) + 1);
    const int indent = m_tree->rootIsDecorated() ? (depth + 1) * m_tree->indentation() : depth * m_tree->indentation();
    const int width = std::max(m_tree->viewport()->width() - indent - 2 * margin, 20);
    const QRect text = item.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt::TextWordWrap, item.text);
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return QSize(width, std::max(base.height(), text.height() + 2 * margin));
}

bool WrappingDelegate::eventFilter(QObject *watched, QEvent *event)
{
    // The event's type first, and the viewport as the filter saw it installed: the viewport also
    // sends events while the tree destroys it, when the tree is no longer a QTreeView and may not
    // be called (UBSan: member call on a QWidget that is not a QAbstractScrollArea).
    if (event->type() == QEvent::Resize && watched == m_viewport && m_viewport->width() != m_width) {
        m_width = m_viewport->width();
        m_tree->doItemsLayout();
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

}  // namespace np

#include "optimizertable.h"

#include "numberformat.h"
#include "optimizerpicture.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLocale>

namespace np {

namespace {

double &field(OptimizerSpec &spec, int column)
{
    switch (column) {
    case OptimizerTable::Momentum:
        return spec.momentum;
    case OptimizerTable::Rho:
        return spec.rho;
    case OptimizerTable::Beta1:
        return spec.beta1;
    case OptimizerTable::Beta2:
        return spec.beta2;
    case OptimizerTable::WeightDecay:
        return spec.weightDecay;
    default:
        return spec.learningRate;
    }
}

}  // namespace

OptimizerTable::OptimizerTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("optimizerTable"));
    setToolTip(tr("Each optimizer's learning rate η and parameters; double-click a value to edit it"));
    setHorizontalHeaderLabels({tr("Optimizer"), tr("η"), tr("μ"), tr("ρ"), tr("β₁"), tr("β₂"), tr("λ")});
    horizontalHeaderItem(LearningRate)->setToolTip(tr("Learning rate"));
    horizontalHeaderItem(Momentum)->setToolTip(tr("Momentum (momentum, Nesterov)"));
    horizontalHeaderItem(Rho)->setToolTip(tr("Decay of the squared-gradient average (RMSProp)"));
    horizontalHeaderItem(Beta1)->setToolTip(tr("First-moment decay (Adam, AdamW)"));
    horizontalHeaderItem(Beta2)->setToolTip(tr("Second-moment decay (Adam, AdamW)"));
    horizontalHeaderItem(WeightDecay)->setToolTip(tr("Decoupled weight decay (AdamW)"));
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(this, &QTableWidget::itemChanged, this, &OptimizerTable::onItemChanged);
}

bool OptimizerTable::uses(OptimizerKind kind, Column column)
{
    switch (column) {
    case Kind:
    case LearningRate:
        return true;
    case Momentum:
        return kind == OptimizerKind::Momentum || kind == OptimizerKind::Nesterov;
    case Rho:
        return kind == OptimizerKind::RMSProp;
    case Beta1:
    case Beta2:
        return kind == OptimizerKind::Adam || kind == OptimizerKind::AdamW;
    case WeightDecay:
        return kind == OptimizerKind::AdamW;
    case ColumnCount:
        break;
    }
    return false;
}

void OptimizerTable::setOptimizers(const std::vector<OptimizerSpec> &optimizers)
{
    m_optimizers = optimizers;
    m_filling = true;
    setRowCount(int(optimizers.size()));
    for (int row = 0; row < rowCount(); ++row)
        fillRow(row);
    m_filling = false;
    updateGeometry();
}

void OptimizerTable::fillRow(int row)
{
    const OptimizerSpec &spec = m_optimizers[std::size_t(row)];
    auto *kind = qobject_cast<QComboBox *>(cellWidget(row, Kind));
    if (!kind) {
        kind = new QComboBox;
        kind->setObjectName(QStringLiteral("optimizerKind%1").arg(row));
        kind->setToolTip(tr("The optimizer of this path (its colour on the plane)"));
        for (int k = 0; k <= int(OptimizerKind::AdamW); ++k)
            kind->addItem(QString::fromUtf8(optimizerTitle(OptimizerKind(k))), k);
        connect(kind, &QComboBox::activated, this, [this, kind](int index) {
            for (int r = 0; r < rowCount(); ++r) {
                if (cellWidget(r, Kind) == kind) {
                    m_optimizers[std::size_t(r)].kind = OptimizerKind(index);
                    m_filling = true;
                    fillRow(r);
                    m_filling = false;
                    emit optimizersEdited();
                }
            }
        });
        setCellWidget(row, Kind, kind);
    }
    kind->setCurrentIndex(int(spec.kind));
    // The row's colour, as its path and legend entry.
    QPixmap swatch(12, 12);
    swatch.fill(optimizerColor(row));
    kind->setItemIcon(kind->currentIndex(), QIcon(swatch));
    for (int column = LearningRate; column < ColumnCount; ++column) {
        // Items are updated in place: this runs inside their own itemChanged.
        QTableWidgetItem *item = this->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            setItem(row, column, item);
        }
        const bool used = uses(spec.kind, Column(column));
        OptimizerSpec copy = spec;
        item->setText(used ? QLocale::c().toString(field(copy, column), 'g', 6) : QString());
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(used ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags);
    }
}

void OptimizerTable::onItemChanged(QTableWidgetItem *item)
{
    if (m_filling || !item)
        return;
    const int row = item->row(), column = item->column();
    if (row < 0 || row >= int(m_optimizers.size()) || column < LearningRate)
        return;
    bool ok = false;
    const double value = QLocale::c().toDouble(item->text().trimmed(), &ok);
    OptimizerSpec next = m_optimizers[std::size_t(row)];
    field(next, column) = value;
    if (ok && validateOptimizer(next).empty()) {
        m_optimizers[std::size_t(row)] = next;
        m_filling = true;
        fillRow(row);
        m_filling = false;
        emit optimizersEdited();
        return;
    }
    m_filling = true;
    fillRow(row);
    m_filling = false;
}

QSize OptimizerTable::sizeHint() const
{
    const int rows = std::max(1, rowCount());
    return {QTableWidget::sizeHint().width(),
            horizontalHeader()->sizeHint().height() + rows * verticalHeader()->defaultSectionSize() + 2 * frameWidth()};
}

}  // namespace np

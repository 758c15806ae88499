#pragma once

#include "training/optimizer.h"

#include <QTableWidget>

#include <vector>

namespace np {

/// The optimizers a scene races, one compact row each: the kind, then η and the parameters that
/// kind uses (the others are blank and cannot be edited). A cell that does not hold a valid
/// value goes back to the last one.
class OptimizerTable : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { Kind, LearningRate, Momentum, Rho, Beta1, Beta2, WeightDecay, ColumnCount };

    explicit OptimizerTable(QWidget *parent = nullptr);

    void setOptimizers(const std::vector<OptimizerSpec> &optimizers);
    const std::vector<OptimizerSpec> &optimizers() const { return m_optimizers; }

    /// Whether a kind reads a column's parameter.
    static bool uses(OptimizerKind kind, Column column);

    QSize sizeHint() const override;

signals:
    /// The user changed a row; optimizers() holds the new values.
    void optimizersEdited();

private:
    void fillRow(int row);
    void onItemChanged(QTableWidgetItem *item);

    std::vector<OptimizerSpec> m_optimizers;
    bool m_filling = false;
};

}  // namespace np

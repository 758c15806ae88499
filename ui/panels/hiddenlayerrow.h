#pragma once

#include "session/config.h"

#include <QFrame>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace np {

/// The controls of one hidden layer in the network panel: its title and parameter count, units,
/// dropout, activation with its α (leaky ReLU, ELU) or pieces (maxout), batch norm, and a button
/// that removes it. Row i always shows layer i; objectNames "layer<i>.units", … as the panel
/// documents them.
class HiddenLayerRow : public QFrame
{
    Q_OBJECT

public:
    /// An edit of the layer's settings.
    using Edit = std::function<void(LayerSpec &)>;

    /// The row of hidden layer `index` (from 0), its fields inset by `margin` pixels.
    HiddenLayerRow(int index, int margin);

    /// Shows the layer's settings without echoing them back as edits.
    void showLayer(const LayerSpec &layer);
    /// "24 parameters".
    void setParameterText(const QString &text);

signals:
    /// The user changed a field: the undo text, the key that merges consecutive changes of the
    /// same field (empty: none), and the edit to apply.
    void edited(const QString &text, const QString &mergeKey, const np::HiddenLayerRow::Edit &edit);
    void removeRequested();

private:
    QLabel *m_title = nullptr;
    QLabel *m_parameters = nullptr;
    QToolButton *m_remove = nullptr;
    QSpinBox *m_units = nullptr;
    QComboBox *m_activation = nullptr;
    QLabel *m_alphaLabel = nullptr;
    QDoubleSpinBox *m_alpha = nullptr;
    QLabel *m_piecesLabel = nullptr;
    QSpinBox *m_pieces = nullptr;
    QCheckBox *m_batchNorm = nullptr;
    QDoubleSpinBox *m_dropout = nullptr;
};

}  // namespace np

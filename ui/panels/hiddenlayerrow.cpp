#include "hiddenlayerrow.h"

#include "settingtips.h"
#include "settingwidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>

namespace np {

HiddenLayerRow::HiddenLayerRow(int index, int margin)
{
    setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(margin, margin, margin, margin);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    const QString prefix = QStringLiteral("layer%1.").arg(index);

    m_title = new QLabel(tr("Layer %1").arg(index + 1));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_parameters = new QLabel;
    m_parameters->setObjectName(prefix + QStringLiteral("parameters"));
    m_parameters->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_parameters->setToolTip(tr("Weights and biases of this layer: units × (inputs + 1), times k for maxout, "
                                "with γ and β instead of the bias under batch norm."));
    m_remove = new QToolButton;
    m_remove->setObjectName(prefix + QStringLiteral("remove"));
    m_remove->setText(QStringLiteral("✕"));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove hidden layer %1 (training starts from fresh weights).").arg(index + 1));
    // The heading has its own line so a long count ("1,049,600 parameters") does not widen
    // the columns of the fields below.
    auto *heading = new QHBoxLayout;
    heading->addWidget(m_title);
    heading->addStretch(1);
    heading->addWidget(m_parameters);
    heading->addWidget(m_remove);
    grid->addLayout(heading, 0, 0, 1, 4);

    auto label = [](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text);
        l->setBuddy(buddy);
        l->setToolTip(buddy->toolTip());
        return l;
    };

    m_units = new QSpinBox;
    m_units->setObjectName(prefix + QStringLiteral("units"));
    m_units->setRange(1, 1024);
    m_units->setKeyboardTracking(false);
    m_units->setToolTip(tr("Number of units (neurons) in this layer; changing it starts from fresh weights."));
    m_dropout = new NumberSpinBox;
    m_dropout->setObjectName(prefix + QStringLiteral("dropout"));
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setToolTip(tr("Probability p of silencing each unit at each training step (the rest are scaled "
                             "by 1/(1 − p)); 0 turns dropout off."));
    grid->addWidget(label(tr("Units"), m_units), 1, 0);
    grid->addWidget(m_units, 1, 1);
    grid->addWidget(label(tr("Dropout"), m_dropout), 1, 2);
    grid->addWidget(m_dropout, 1, 3);

    m_activation = new QComboBox;
    m_activation->setObjectName(prefix + QStringLiteral("activation"));
    for (const ActivationInfo &info : activations()) {
        m_activation->addItem(QString::fromUtf8(info.title), static_cast<int>(info.activation));
        m_activation->setItemData(m_activation->count() - 1, activationTip(info.activation), Qt::ToolTipRole);
    }
    m_activation->setToolTip(activationTip(Activation::Tanh));
    grid->addWidget(label(tr("Activation"), m_activation), 2, 0);
    grid->addWidget(m_activation, 2, 1, 1, 3);

    m_alpha = new NumberSpinBox;
    m_alpha->setObjectName(prefix + QStringLiteral("alpha"));
    m_alpha->setRange(-100.0, 100.0);
    m_alpha->setSingleStep(0.01);
    m_alpha->setToolTip(alphaTip(Activation::LeakyReLU));
    m_alphaLabel = label(tr("α"), m_alpha);
    m_pieces = new QSpinBox;
    m_pieces->setObjectName(prefix + QStringLiteral("pieces"));
    m_pieces->setRange(2, 8);
    m_pieces->setKeyboardTracking(false);
    m_pieces->setToolTip(tr("Number k of linear pieces each maxout unit takes the largest of: a = max(z₁, …, z_k)."));
    m_piecesLabel = label(tr("Pieces"), m_pieces);
    // α and pieces share a cell: no activation uses both.
    grid->addWidget(m_alphaLabel, 3, 0);
    grid->addWidget(m_alpha, 3, 1);
    grid->addWidget(m_piecesLabel, 3, 0);
    grid->addWidget(m_pieces, 3, 1);
    m_batchNorm = new QCheckBox(tr("Batch norm"));
    m_batchNorm->setObjectName(prefix + QStringLiteral("batchNorm"));
    m_batchNorm->setToolTip(tr("Normalise z over the batch, ẑ = (z − μ_B)/√(σ_B² + ε), then scale and shift "
                               "it by learned γ and β (which replace the bias)."));
    grid->addWidget(m_batchNorm, 3, 2, 1, 2);

    connect(m_units, &QSpinBox::valueChanged, this, [this, index](int units) {
        emit edited(tr("Change units of layer %1").arg(index + 1), QStringLiteral("layer%1.units").arg(index),
                    [units](LayerSpec &layer) { layer.units = units; });
    });
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this, [this, index](double p) {
        emit edited(tr("Change dropout of layer %1").arg(index + 1), QStringLiteral("layer%1.dropout").arg(index),
                    [p](LayerSpec &layer) { layer.dropout = p; });
    });
    connect(m_activation, &QComboBox::currentIndexChanged, this, [this, index, combo = m_activation] {
        const auto activation = static_cast<Activation>(combo->currentData().toInt());
        emit edited(tr("Change activation of layer %1").arg(index + 1), {}, [activation](LayerSpec &layer) {
            // ELU's α is a scale near 1, leaky ReLU's a small slope: switching between them
            // with the other's value would surprise.
            if (activation == Activation::ELU && layer.activation != Activation::ELU)
                layer.alpha = 1.0;
            else if (activation == Activation::LeakyReLU && layer.activation != Activation::LeakyReLU)
                layer.alpha = 0.01;
            layer.activation = activation;
        });
    });
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, [this, index](double alpha) {
        emit edited(tr("Change α of layer %1").arg(index + 1), QStringLiteral("layer%1.alpha").arg(index),
                    [alpha](LayerSpec &layer) { layer.alpha = alpha; });
    });
    connect(m_pieces, &QSpinBox::valueChanged, this, [this, index](int pieces) {
        emit edited(tr("Change maxout pieces of layer %1").arg(index + 1),
                    QStringLiteral("layer%1.pieces").arg(index), [pieces](LayerSpec &layer) { layer.pieces = pieces; });
    });
    connect(m_batchNorm, &QCheckBox::toggled, this, [this, index](bool on) {
        emit edited(on ? tr("Turn on batch norm in layer %1").arg(index + 1)
                       : tr("Turn off batch norm in layer %1").arg(index + 1),
                    {}, [on](LayerSpec &layer) { layer.batchNorm = on; });
    });
    connect(m_remove, &QToolButton::clicked, this, &HiddenLayerRow::removeRequested);
}

void HiddenLayerRow::showLayer(const LayerSpec &layer)
{
    setQuietly(m_units, layer.units);
    setQuietly(m_dropout, layer.dropout);
    setCurrentDataQuietly(m_activation, static_cast<int>(layer.activation));
    m_activation->setToolTip(activationTip(layer.activation));
    const bool usesAlpha = activationInfo(layer.activation).usesAlpha;
    const bool maxout = layer.activation == Activation::Maxout;
    setQuietly(m_alpha, layer.alpha);
    m_alpha->setToolTip(alphaTip(layer.activation));
    m_alphaLabel->setToolTip(m_alpha->toolTip());
    m_alphaLabel->setVisible(usesAlpha);
    m_alpha->setVisible(usesAlpha);
    setQuietly(m_pieces, layer.pieces);
    m_piecesLabel->setVisible(maxout);
    m_pieces->setVisible(maxout);
    setCheckedQuietly(m_batchNorm, layer.batchNorm);
}

void HiddenLayerRow::setParameterText(const QString &text)
{
    m_parameters->setText(text);
}

}  // namespace np

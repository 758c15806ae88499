#include "networkpanel.h"

#include "document.h"
#include "settingwidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace np {

namespace {

constexpr OutputHead kHeads[] = {OutputHead::Sigmoid, OutputHead::Softmax, OutputHead::OneVsRest,
                                 OutputHead::Linear,  OutputHead::Tanh,    OutputHead::Step};
constexpr Loss kLosses[] = {Loss::Squared, Loss::BinaryCrossEntropy, Loss::CategoricalCrossEntropy,
                            Loss::Perceptron, Loss::Hinge};
constexpr InitScheme kInits[] = {InitScheme::Glorot, InitScheme::He,   InitScheme::LeCun,
                                 InitScheme::SmallUniform, InitScheme::Zero, InitScheme::Sparse};
constexpr std::size_t kMaxHiddenLayers = 32;  // validateLayers' limit

QString featureTip(Feature feature)
{
    switch (feature) {
    case Feature::X1:
        return QObject::tr("The point's first coordinate x1 as an input.");
    case Feature::X2:
        return QObject::tr("The point's second coordinate x2 as an input.");
    case Feature::X1Squared:
        return QObject::tr("x1² as an input, so even one layer can curve its boundary along x1 (a circle with x2²).");
    case Feature::X2Squared:
        return QObject::tr("x2² as an input, so even one layer can curve its boundary along x2 (a circle with x1²).");
    case Feature::X1X2:
        return QObject::tr("The product x1·x2 as an input: its sign tells the quadrants apart, which makes XOR linear.");
    case Feature::SinX1:
        return QObject::tr("sin x1 as an input, a wave along x1 that repeats every 2π ≈ 6.3 plane units.");
    case Feature::SinX2:
        return QObject::tr("sin x2 as an input, a wave along x2 that repeats every 2π ≈ 6.3 plane units.");
    case Feature::Radius:
        return QObject::tr("r = √(x1² + x2²), the distance from the origin: in r a circle is a straight line.");
    case Feature::Angle:
        return QObject::tr("θ = atan2(x2, x1), the angle around the origin in (−π, π]: with r, spirals unroll.");
    }
    return {};
}

QString headTip(OutputHead head)
{
    switch (head) {
    case OutputHead::Sigmoid:
        return QObject::tr("One unit a = σ(z) = 1/(1 + e^−z), the probability of the second class.");
    case OutputHead::Softmax:
        return QObject::tr("K units a_k = e^z_k / Σ_j e^z_j, probabilities of the K classes that sum to 1.");
    case OutputHead::OneVsRest:
        return QObject::tr("K independent sigmoids a_k = σ(z_k), each telling its class from all the others.");
    case OutputHead::Linear:
        return QObject::tr("a = z: the regression value, or class scores trained towards ±1.");
    case OutputHead::Tanh:
        return QObject::tr("a = tanh z in (−1, 1), trained towards ±1 targets as in TensorFlow Playground.");
    case OutputHead::Step:
        return QObject::tr("The perceptron's threshold unit a = [z > 0], trained with the perceptron loss.");
    }
    return {};
}

QString lossTip(Loss loss)
{
    switch (loss) {
    case Loss::Squared:
        return QObject::tr("L = ½‖a − y‖², half the squared distance between output and target.");
    case Loss::BinaryCrossEntropy:
        return QObject::tr("L = −Σ [y log a + (1 − y) log(1 − a)], the negative log-likelihood of sigmoid outputs.");
    case Loss::CategoricalCrossEntropy:
        return QObject::tr("L = −Σ y_k log a_k, the negative log-likelihood of the softmax probabilities.");
    case Loss::Perceptron:
        return QObject::tr("L = max(0, −y·s): zero as soon as a point is on its side, however close to the boundary.");
    case Loss::Hinge:
        return QObject::tr("L = max(0, 1 − y·s): like the perceptron loss but asks for a margin of 1, as an SVM does.");
    }
    return {};
}

QString initTip(InitScheme scheme)
{
    switch (scheme) {
    case InitScheme::Glorot:
        return QObject::tr("Weights from U(±√(6/(n+m))), n = fan-in, m = fan-out (Glorot & Bengio), for tanh and sigmoid.");
    case InitScheme::He:
        return QObject::tr("Weights from N(0, 2/n), n = fan-in, so ReLU activations keep their size from layer to layer.");
    case InitScheme::LeCun:
        return QObject::tr("Weights from N(0, 1/n), n = fan-in.");
    case InitScheme::SmallUniform:
        return QObject::tr("Weights from U(±scale); TensorFlow Playground uses scale 0.5.");
    case InitScheme::Zero:
        return QObject::tr("Every weight 0: the units of a layer stay identical forever (the symmetry problem).");
    case InitScheme::Sparse:
        return QObject::tr("Each unit gets k nonzero N(0, scale²) incoming weights and 0 for the rest (Martens 2010).");
    }
    return {};
}

QString activationTip(Activation activation)
{
    return QObject::tr("%1: the nonlinearity every unit of this layer applies to its z = w·a + b.")
        .arg(QString::fromUtf8(activationInfo(activation).formula));
}

QString alphaTip(Activation activation)
{
    if (activation == Activation::ELU)
        return QObject::tr("Scale α of the negative part: g(z) = z if z > 0 else α·(e^z − 1).");
    return QObject::tr("Slope α for negative z, which keeps the unit learning: g(z) = z if z > 0 else α·z.");
}

QString parameterText(long long count)
{
    return count == 1 ? QObject::tr("1 parameter") : QObject::tr("%1 parameters").arg(QLocale().toString(count));
}

}  // namespace

NetworkPanel::NetworkPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edited(document->config())
{
    auto *layout = new QVBoxLayout(this);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("networkProblem"));
    m_problem->setWordWrap(true);
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setMargin(4);
    m_problem->setToolTip(tr("These settings are not applied: training goes on with the last valid ones."));
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addWidget(createInputsGroup());
    layout->addWidget(createLayersGroup());
    layout->addWidget(createOutputGroup());
    layout->addWidget(createInitGroup());
    auto *note = new QLabel(tr("Inputs, layer sizes, batch norm, maxout pieces and the initialisation set the "
                               "network's shape: changing them starts from fresh weights. Everything else "
                               "applies at once, while training runs."));
    note->setObjectName(QStringLiteral("shapeNote"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);
    layout->addStretch(1);

    m_wheelGuard = new WheelGuard(this);
    m_wheelGuard->guard(this);

    connect(m_document, &Document::configChanged, this, &NetworkPanel::syncFromDocument);
    connect(m_document, &Document::datasetChanged, this, &NetworkPanel::syncFromDocument);
    syncFromDocument();
}

QWidget *NetworkPanel::createInputsGroup()
{
    auto *group = new QGroupBox(tr("Inputs"));
    auto *grid = new QGridLayout(group);
    for (int i = 0; i < kFeatureCount; ++i) {
        const auto feature = static_cast<Feature>(i);
        auto *box = new QCheckBox(QString::fromUtf8(featureName(feature)));
        box->setObjectName(QStringLiteral("feature.") + QLatin1String(featureKey(feature)));
        box->setToolTip(featureTip(feature));
        grid->addWidget(box, i / 3, i % 3);
        m_features[static_cast<std::size_t>(i)] = box;
        connect(box, &QCheckBox::toggled, this, [this, feature](bool on) {
            m_edited.features.set(feature, on);
            const QString name = QString::fromUtf8(featureName(feature));
            apply(on ? tr("Add input %1").arg(name) : tr("Remove input %1").arg(name));
        });
    }
    m_standardize = new QCheckBox(tr("Standardise inputs"));
    m_standardize->setObjectName(QStringLiteral("standardize"));
    m_standardize->setToolTip(tr("x' = (x − μ)/σ per input, with μ and σ from the training points, so every "
                                 "input has mean 0 and spread 1."));
    grid->addWidget(m_standardize, (kFeatureCount + 2) / 3, 0, 1, 3);
    connect(m_standardize, &QCheckBox::toggled, this, [this](bool on) {
        m_edited.standardize = on;
        apply(on ? tr("Standardise inputs") : tr("Stop standardising inputs"));
    });
    return group;
}

QWidget *NetworkPanel::createLayersGroup()
{
    auto *group = new QGroupBox(tr("Hidden layers"));
    auto *layout = new QVBoxLayout(group);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    m_noHidden = new QLabel(tr("No hidden layer: the inputs feed the output directly, as in logistic "
                               "regression or the perceptron."));
    m_noHidden->setObjectName(QStringLiteral("noHiddenLayers"));
    m_noHidden->setWordWrap(true);
    m_noHidden->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_noHidden);

    m_addLayer = new QPushButton(tr("Add layer"));
    m_addLayer->setObjectName(QStringLiteral("addLayer"));
    layout->addWidget(m_addLayer);
    m_outputParameters = new QLabel;
    m_outputParameters->setObjectName(QStringLiteral("outputParameters"));
    m_outputParameters->setToolTip(tr("Weights and biases of the output layer: outputs × (last width + 1)."));
    m_totalParameters = new QLabel;
    m_totalParameters->setObjectName(QStringLiteral("totalParameters"));
    m_totalParameters->setToolTip(tr("Every weight, bias, γ and β the network learns."));
    QFont bold = m_totalParameters->font();
    bold.setBold(true);
    m_totalParameters->setFont(bold);
    layout->addWidget(m_outputParameters);
    layout->addWidget(m_totalParameters);

    connect(m_addLayer, &QPushButton::clicked, this, [this] {
        std::vector<LayerSpec> &hidden = m_edited.network.hidden;
        hidden.push_back(hidden.empty() ? LayerSpec{4, Activation::Tanh} : hidden.back());
        apply(tr("Add hidden layer"));
    });
    return group;
}

void NetworkPanel::appendLayerRow()
{
    const int index = static_cast<int>(m_rows.size());
    LayerRow row;
    row.frame = new QFrame;
    row.frame->setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(row.frame);
    const int margin = fontMetrics().height() / 3;
    grid->setContentsMargins(margin, margin, margin, margin);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    const QString prefix = QStringLiteral("layer%1.").arg(index);

    row.title = new QLabel(tr("Layer %1").arg(index + 1));
    QFont bold = row.title->font();
    bold.setBold(true);
    row.title->setFont(bold);
    row.parameters = new QLabel;
    row.parameters->setObjectName(prefix + QStringLiteral("parameters"));
    row.parameters->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row.parameters->setToolTip(tr("Weights and biases of this layer: units × (inputs + 1), times k for maxout, "
                                  "with γ and β instead of the bias under batch norm."));
    row.remove = new QToolButton;
    row.remove->setObjectName(prefix + QStringLiteral("remove"));
    row.remove->setText(QStringLiteral("✕"));
    row.remove->setAutoRaise(true);
    row.remove->setToolTip(tr("Remove hidden layer %1 (training starts from fresh weights).").arg(index + 1));
    // The heading has its own line so a long count ("1,049,600 parameters") does not widen
    // the columns of the fields below.
    auto *heading = new QHBoxLayout;
    heading->addWidget(row.title);
    heading->addStretch(1);
    heading->addWidget(row.parameters);
    heading->addWidget(row.remove);
    grid->addLayout(heading, 0, 0, 1, 4);

    auto label = [](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text);
        l->setBuddy(buddy);
        l->setToolTip(buddy->toolTip());
        return l;
    };

    row.units = new QSpinBox;
    row.units->setObjectName(prefix + QStringLiteral("units"));
    row.units->setRange(1, 1024);
    row.units->setKeyboardTracking(false);
    row.units->setToolTip(tr("Number of units (neurons) in this layer; changing it starts from fresh weights."));
    row.dropout = new NumberSpinBox;
    row.dropout->setObjectName(prefix + QStringLiteral("dropout"));
    row.dropout->setRange(0.0, 0.9);
    row.dropout->setSingleStep(0.05);
    row.dropout->setToolTip(tr("Probability p of silencing each unit at each training step (the rest are scaled "
                               "by 1/(1 − p)); 0 turns dropout off."));
    grid->addWidget(label(tr("Units"), row.units), 1, 0);
    grid->addWidget(row.units, 1, 1);
    grid->addWidget(label(tr("Dropout"), row.dropout), 1, 2);
    grid->addWidget(row.dropout, 1, 3);

    row.activation = new QComboBox;
    row.activation->setObjectName(prefix + QStringLiteral("activation"));
    for (const ActivationInfo &info : activations()) {
        row.activation->addItem(QString::fromUtf8(info.title), static_cast<int>(info.activation));
        row.activation->setItemData(row.activation->count() - 1, activationTip(info.activation), Qt::ToolTipRole);
    }
    row.activation->setToolTip(activationTip(Activation::Tanh));
    grid->addWidget(label(tr("Activation"), row.activation), 2, 0);
    grid->addWidget(row.activation, 2, 1, 1, 3);

    row.alpha = new NumberSpinBox;
    row.alpha->setObjectName(prefix + QStringLiteral("alpha"));
    row.alpha->setRange(-100.0, 100.0);
    row.alpha->setSingleStep(0.01);
    row.alpha->setToolTip(alphaTip(Activation::LeakyReLU));
    row.alphaLabel = label(tr("α"), row.alpha);
    row.pieces = new QSpinBox;
    row.pieces->setObjectName(prefix + QStringLiteral("pieces"));
    row.pieces->setRange(2, 8);
    row.pieces->setKeyboardTracking(false);
    row.pieces->setToolTip(tr("Number k of linear pieces each maxout unit takes the largest of: a = max(z₁, …, z_k)."));
    row.piecesLabel = label(tr("Pieces"), row.pieces);
    // α and pieces share a cell: no activation uses both.
    grid->addWidget(row.alphaLabel, 3, 0);
    grid->addWidget(row.alpha, 3, 1);
    grid->addWidget(row.piecesLabel, 3, 0);
    grid->addWidget(row.pieces, 3, 1);
    row.batchNorm = new QCheckBox(tr("Batch norm"));
    row.batchNorm->setObjectName(prefix + QStringLiteral("batchNorm"));
    row.batchNorm->setToolTip(tr("Normalise z over the batch, ẑ = (z − μ_B)/√(σ_B² + ε), then scale and shift "
                                 "it by learned γ and β (which replace the bias)."));
    grid->addWidget(row.batchNorm, 3, 2, 1, 2);

    connect(row.units, &QSpinBox::valueChanged, this, [this, index](int units) {
        editLayer(index, tr("Change units of layer %1").arg(index + 1), QStringLiteral("layer%1.units").arg(index),
                  [units](LayerSpec &layer) { layer.units = units; });
    });
    connect(row.dropout, &QDoubleSpinBox::valueChanged, this, [this, index](double p) {
        editLayer(index, tr("Change dropout of layer %1").arg(index + 1), QStringLiteral("layer%1.dropout").arg(index),
                  [p](LayerSpec &layer) { layer.dropout = p; });
    });
    connect(row.activation, &QComboBox::currentIndexChanged, this, [this, index, combo = row.activation] {
        const auto activation = static_cast<Activation>(combo->currentData().toInt());
        editLayer(index, tr("Change activation of layer %1").arg(index + 1), {}, [activation](LayerSpec &layer) {
            // ELU's α is a scale near 1, leaky ReLU's a small slope: switching between them
            // with the other's value would surprise.
            if (activation == Activation::ELU && layer.activation != Activation::ELU)
                layer.alpha = 1.0;
            else if (activation == Activation::LeakyReLU && layer.activation != Activation::LeakyReLU)
                layer.alpha = 0.01;
            layer.activation = activation;
        });
    });
    connect(row.alpha, &QDoubleSpinBox::valueChanged, this, [this, index](double alpha) {
        editLayer(index, tr("Change α of layer %1").arg(index + 1), QStringLiteral("layer%1.alpha").arg(index),
                  [alpha](LayerSpec &layer) { layer.alpha = alpha; });
    });
    connect(row.pieces, &QSpinBox::valueChanged, this, [this, index](int pieces) {
        editLayer(index, tr("Change maxout pieces of layer %1").arg(index + 1),
                  QStringLiteral("layer%1.pieces").arg(index), [pieces](LayerSpec &layer) { layer.pieces = pieces; });
    });
    connect(row.batchNorm, &QCheckBox::toggled, this, [this, index](bool on) {
        editLayer(index, on ? tr("Turn on batch norm in layer %1").arg(index + 1)
                            : tr("Turn off batch norm in layer %1").arg(index + 1),
                  {}, [on](LayerSpec &layer) { layer.batchNorm = on; });
    });
    connect(row.remove, &QToolButton::clicked, this, [this, index] {
        std::vector<LayerSpec> &hidden = m_edited.network.hidden;
        if (index >= static_cast<int>(hidden.size()))
            return;
        hidden.erase(hidden.begin() + index);
        apply(tr("Remove hidden layer %1").arg(index + 1));
    });

    m_rowsLayout->addWidget(row.frame);
    m_rows.push_back(row);
    if (m_wheelGuard)
        m_wheelGuard->guard(row.frame);
}

void NetworkPanel::removeLastLayerRow()
{
    QFrame *frame = m_rows.back().frame;
    m_rows.pop_back();
    // The row's remove button may be the sender of the click that got us here: take the row
    // out of the panel now (so it is gone for findChild and layout) but delete it later.
    frame->hide();
    frame->setParent(nullptr);
    frame->deleteLater();
}

QWidget *NetworkPanel::createOutputGroup()
{
    auto *group = new QGroupBox(tr("Output"));
    QFormLayout *form = makeForm(group);
    m_head = new QComboBox;
    m_head->setObjectName(QStringLiteral("head"));
    addRow(form, tr("Output"), m_head, headTip(OutputHead::Sigmoid));
    m_loss = new QComboBox;
    m_loss->setObjectName(QStringLiteral("loss"));
    addRow(form, tr("Loss"), m_loss, lossTip(Loss::BinaryCrossEntropy));

    connect(m_head, &QComboBox::currentIndexChanged, this, [this] {
        const auto head = static_cast<OutputHead>(m_head->currentData().toInt());
        const Dataset &data = m_document->dataset();
        NetworkSpec &network = m_edited.network;
        network.head = head;
        // Keep the loss if it fits the new head, otherwise take the head's natural loss.
        const auto fits = [&](Loss loss) { return validateHeadAndLoss(head, loss, data.task, data.classCount).empty(); };
        if (!fits(network.loss)) {
            network.loss = defaultLoss(head, data.task);
            if (!fits(network.loss)) {
                for (const Loss loss : kLosses) {
                    if (fits(loss)) {
                        network.loss = loss;
                        break;
                    }
                }
            }
        }
        apply(tr("Change output layer"));
    });
    connect(m_loss, &QComboBox::currentIndexChanged, this, [this] {
        m_edited.network.loss = static_cast<Loss>(m_loss->currentData().toInt());
        apply(tr("Change loss"));
    });
    return group;
}

QWidget *NetworkPanel::createInitGroup()
{
    auto *group = new QGroupBox(tr("Initialisation"));
    m_initForm = makeForm(group);
    QFormLayout *form = m_initForm;

    m_initScheme = new QComboBox;
    m_initScheme->setObjectName(QStringLiteral("initScheme"));
    for (const InitScheme scheme : kInits) {
        m_initScheme->addItem(QString::fromUtf8(initTitle(scheme)), static_cast<int>(scheme));
        m_initScheme->setItemData(m_initScheme->count() - 1, initTip(scheme), Qt::ToolTipRole);
    }
    addRow(form, tr("Weights"), m_initScheme, initTip(InitScheme::Glorot));

    m_initScale = new NumberSpinBox;
    m_initScale->setObjectName(QStringLiteral("initScale"));
    m_initScale->setRange(0.0, 100.0);
    m_initScale->setSingleStep(0.05);
    addRow(form, tr("Scale"), m_initScale, tr("The bound of U(±scale), or the standard deviation of sparse weights."));

    m_initConnections = new QSpinBox;
    m_initConnections->setObjectName(QStringLiteral("initConnections"));
    m_initConnections->setRange(1, 1024);
    m_initConnections->setKeyboardTracking(false);
    addRow(form, tr("Connections"), m_initConnections,
           tr("How many nonzero incoming weights k each unit gets with sparse initialisation."));

    m_initBias = new NumberSpinBox;
    m_initBias->setObjectName(QStringLiteral("initBias"));
    m_initBias->setRange(-100.0, 100.0);
    m_initBias->setSingleStep(0.05);
    addRow(form, tr("Bias"), m_initBias, tr("Every bias starts at this value; 0.1 keeps ReLU units alive at the start."));

    m_initSeed = new SeedSpinBox;
    m_initSeed->setObjectName(QStringLiteral("initSeed"));
    const QString seedTip = tr("Seed for drawing the initial weights: the same seed gives the same network.");
    m_initSeed->setToolTip(seedTip);
    auto *newSeed = new QPushButton(tr("New"));
    newSeed->setObjectName(QStringLiteral("newInitSeed"));
    newSeed->setToolTip(tr("Draw other initial weights with a new random seed."));
    auto *seedRow = new QWidget;
    auto *seedLayout = new QHBoxLayout(seedRow);
    seedLayout->setContentsMargins(0, 0, 0, 0);
    seedLayout->addWidget(m_initSeed, 1);
    seedLayout->addWidget(newSeed);
    addRow(form, tr("Seed"), seedRow, seedTip);

    connect(m_initScheme, &QComboBox::currentIndexChanged, this, [this] {
        m_edited.init.scheme = static_cast<InitScheme>(m_initScheme->currentData().toInt());
        apply(tr("Change initialisation"));
    });
    connect(m_initScale, &QDoubleSpinBox::valueChanged, this, [this](double scale) {
        m_edited.init.scale = scale;
        apply(tr("Change initialisation scale"), QStringLiteral("init.scale"));
    });
    connect(m_initConnections, &QSpinBox::valueChanged, this, [this](int connections) {
        m_edited.init.sparseConnections = connections;
        apply(tr("Change sparse connections"), QStringLiteral("init.connections"));
    });
    connect(m_initBias, &QDoubleSpinBox::valueChanged, this, [this](double bias) {
        m_edited.init.bias = bias;
        apply(tr("Change initial bias"), QStringLiteral("init.bias"));
    });
    connect(m_initSeed, &QDoubleSpinBox::valueChanged, this, [this](double seed) {
        m_edited.init.seed = static_cast<std::uint64_t>(seed);
        apply(tr("Change initialisation seed"), QStringLiteral("init.seed"));
    });
    connect(newSeed, &QPushButton::clicked, this, [this] {
        const std::uint64_t old = m_edited.init.seed;
        while (m_edited.init.seed == old)
            m_edited.init.seed = QRandomGenerator::global()->bounded(1, 1'000'000);
        apply(tr("New initialisation seed"));
    });
    return group;
}

void NetworkPanel::syncFromDocument()
{
    m_edited = m_document->config();
    m_problem->hide();
    showEdited();
}

void NetworkPanel::showEdited()
{
    for (int i = 0; i < kFeatureCount; ++i)
        setCheckedQuietly(m_features[static_cast<std::size_t>(i)], m_edited.features.has(static_cast<Feature>(i)));
    setCheckedQuietly(m_standardize, m_edited.standardize);

    // Rows are added and removed at the end only, so the row being edited survives.
    const std::size_t layers = m_edited.network.hidden.size();
    while (m_rows.size() < layers)
        appendLayerRow();
    while (m_rows.size() > layers)
        removeLastLayerRow();
    for (int i = 0; i < static_cast<int>(layers); ++i)
        showLayer(i);

    m_noHidden->setVisible(layers == 0);
    const bool perceptron = m_edited.training.algorithm == Algorithm::Perceptron;
    m_addLayer->setEnabled(!perceptron && layers < kMaxHiddenLayers);
    m_addLayer->setToolTip(perceptron
                               ? tr("Rosenblatt's perceptron rule trains a single layer: choose gradient descent "
                                    "under Training to add hidden layers.")
                               : tr("Add a hidden layer after the last, with its settings (or 4 tanh units for the first)."));
    showCounts();
    showHeadAndLoss();
    showInit();
}

void NetworkPanel::showLayer(int index)
{
    const LayerSpec &layer = m_edited.network.hidden[static_cast<std::size_t>(index)];
    LayerRow &row = m_rows[static_cast<std::size_t>(index)];
    setQuietly(row.units, layer.units);
    setQuietly(row.dropout, layer.dropout);
    setCurrentDataQuietly(row.activation, static_cast<int>(layer.activation));
    row.activation->setToolTip(activationTip(layer.activation));
    const bool usesAlpha = activationInfo(layer.activation).usesAlpha;
    const bool maxout = layer.activation == Activation::Maxout;
    setQuietly(row.alpha, layer.alpha);
    row.alpha->setToolTip(alphaTip(layer.activation));
    row.alphaLabel->setToolTip(row.alpha->toolTip());
    row.alphaLabel->setVisible(usesAlpha);
    row.alpha->setVisible(usesAlpha);
    setQuietly(row.pieces, layer.pieces);
    row.piecesLabel->setVisible(maxout);
    row.pieces->setVisible(maxout);
    setCheckedQuietly(row.batchNorm, layer.batchNorm);
}

void NetworkPanel::showCounts()
{
    const Dataset &data = m_document->dataset();
    const int outputs = outputUnits(m_edited.network.head, data.task, data.classCount);
    const std::vector<int> counts = parameterCounts(m_edited.network, m_edited.features.count(), outputs);
    long long total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        if (i < m_rows.size())
            m_rows[i].parameters->setText(parameterText(counts[i]));
    }
    m_outputParameters->setText(tr("Output layer (%1 × %2 + %1): %3")
                                    .arg(outputs)
                                    .arg(m_edited.network.hidden.empty() ? m_edited.features.count()
                                                                         : m_edited.network.hidden.back().units)
                                    .arg(parameterText(counts.back())));
    m_totalParameters->setText(tr("Total: %1").arg(parameterText(total)));
}

void NetworkPanel::showHeadAndLoss()
{
    const Dataset &data = m_document->dataset();
    const NetworkSpec &network = m_edited.network;
    const bool perceptron = m_edited.training.algorithm == Algorithm::Perceptron;
    {
        const QSignalBlocker blocker(m_head);
        m_head->clear();
        for (const OutputHead head : kHeads) {
            if (perceptron && head != OutputHead::Step)
                continue;
            const bool fits = std::any_of(std::begin(kLosses), std::end(kLosses), [&](Loss loss) {
                return validateHeadAndLoss(head, loss, data.task, data.classCount).empty();
            });
            // The current head is listed even if it does not fit, so the combo never lies.
            if (fits || head == network.head) {
                m_head->addItem(QString::fromUtf8(headTitle(head)), static_cast<int>(head));
                m_head->setItemData(m_head->count() - 1, headTip(head), Qt::ToolTipRole);
            }
        }
        m_head->setCurrentIndex(m_head->findData(static_cast<int>(network.head)));
        m_head->setToolTip(headTip(network.head));
    }
    {
        const QSignalBlocker blocker(m_loss);
        m_loss->clear();
        for (const Loss loss : kLosses) {
            if (validateHeadAndLoss(network.head, loss, data.task, data.classCount).empty() || loss == network.loss) {
                m_loss->addItem(QString::fromUtf8(lossTitle(loss)), static_cast<int>(loss));
                m_loss->setItemData(m_loss->count() - 1, lossTip(loss), Qt::ToolTipRole);
            }
        }
        m_loss->setCurrentIndex(m_loss->findData(static_cast<int>(network.loss)));
        m_loss->setToolTip(lossTip(network.loss));
    }
    m_head->setEnabled(m_head->count() > 1);
    m_loss->setEnabled(m_loss->count() > 1);
}

void NetworkPanel::showInit()
{
    const InitSpec &init = m_edited.init;
    setCurrentDataQuietly(m_initScheme, static_cast<int>(init.scheme));
    m_initScheme->setToolTip(initTip(init.scheme));
    setQuietly(m_initScale, init.scale);
    setQuietly(m_initConnections, init.sparseConnections);
    setQuietly(m_initBias, init.bias);
    setQuietly(m_initSeed, static_cast<double>(init.seed));
    m_initForm->setRowVisible(m_initScale,
                              init.scheme == InitScheme::SmallUniform || init.scheme == InitScheme::Sparse);
    m_initForm->setRowVisible(m_initConnections, init.scheme == InitScheme::Sparse);
}

template <typename Edit>
void NetworkPanel::editLayer(int index, const QString &text, const QString &mergeKey, Edit edit)
{
    std::vector<LayerSpec> &hidden = m_edited.network.hidden;
    if (index < 0 || index >= static_cast<int>(hidden.size()))
        return;
    edit(hidden[static_cast<std::size_t>(index)]);
    apply(text, mergeKey);
}

void NetworkPanel::apply(const QString &text, const QString &mergeKey)
{
    const Dataset &data = m_document->dataset();
    const std::string problem = validateConfig(m_edited, data.task, data.classCount);
    if (!problem.empty()) {
        m_problem->setText(tr("Not applied: %1").arg(QString::fromStdString(problem)));
        m_problem->show();
        showEdited();
        return;
    }
    m_problem->hide();
    if (m_edited == m_document->config()) {
        showEdited();  // back to the document's settings after an invalid edit
        return;
    }
    m_document->changeConfig(m_edited, text, mergeKey);
}

}  // namespace np

#include "networkpanel.h"

#include "document.h"
#include "hiddenlayerrow.h"
#include "settingtips.h"
#include "settingwidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
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
    auto *row = new HiddenLayerRow(index, fontMetrics().height() / 3);
    connect(row, &HiddenLayerRow::edited, this,
            [this, index](const QString &text, const QString &mergeKey, const HiddenLayerRow::Edit &edit) {
                editLayer(index, text, mergeKey, edit);
            });
    connect(row, &HiddenLayerRow::removeRequested, this, [this, index] {
        std::vector<LayerSpec> &hidden = m_edited.network.hidden;
        if (index >= static_cast<int>(hidden.size()))
            return;
        hidden.erase(hidden.begin() + index);
        apply(tr("Remove hidden layer %1").arg(index + 1));
    });
    m_rowsLayout->addWidget(row);
    m_rows.push_back(row);
    if (m_wheelGuard)
        m_wheelGuard->guard(row);
}

void NetworkPanel::removeLastLayerRow()
{
    QFrame *frame = m_rows.back();
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
    addRow(form, tr("Seed"), pairRow(m_initSeed, newSeed), seedTip);

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
    for (std::size_t i = 0; i < layers; ++i)
        m_rows[i]->showLayer(m_edited.network.hidden[i]);

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

void NetworkPanel::showCounts()
{
    const Dataset &data = m_document->dataset();
    const int outputs = outputUnits(m_edited.network.head, data.task, data.classCount);
    const std::vector<int> counts = parameterCounts(m_edited.network, m_edited.features.count(), outputs);
    long long total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        if (i < m_rows.size())
            m_rows[i]->setParameterText(parameterText(counts[i]));
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

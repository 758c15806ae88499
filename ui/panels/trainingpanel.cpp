#include "trainingpanel.h"

#include "document.h"
#include "settingtips.h"
#include "settingwidgets.h"

#include "session/config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace np {

namespace {

constexpr OptimizerKind kOptimizers[] = {OptimizerKind::SGD,     OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                         OptimizerKind::Adagrad, OptimizerKind::RMSProp,  OptimizerKind::Adam,
                                         OptimizerKind::AdamW};
constexpr ScheduleKind kSchedules[] = {ScheduleKind::Constant, ScheduleKind::Linear, ScheduleKind::Step,
                                       ScheduleKind::Exponential, ScheduleKind::Cosine};
constexpr int kLargeCount = 1'000'000'000;

}  // namespace

TrainingPanel::TrainingPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("trainingProblem"));
    m_problem->setWordWrap(true);
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setMargin(4);
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addWidget(createOptimizerGroup());
    layout->addWidget(createScheduleGroup());
    layout->addWidget(createBatchGroup());
    layout->addWidget(createRegularisationGroup());
    layout->addWidget(createStoppingGroup());
    layout->addStretch(1);

    (new WheelGuard(this))->guard(this);

    connect(m_document, &Document::configChanged, this, &TrainingPanel::syncFromDocument);
    connect(m_document, &Document::datasetChanged, this, &TrainingPanel::syncFromDocument);
    syncFromDocument();
}

QWidget *TrainingPanel::createOptimizerGroup()
{
    auto *group = new QGroupBox(tr("Optimizer"));
    m_optimizerForm = makeForm(group);
    QFormLayout *form = m_optimizerForm;

    m_algorithm = new QComboBox;
    m_algorithm->setObjectName(QStringLiteral("algorithm"));
    m_algorithm->addItem(tr("Gradient descent"), static_cast<int>(Algorithm::GradientDescent));
    m_algorithm->addItem(tr("Perceptron rule"), static_cast<int>(Algorithm::Perceptron));
    m_algorithm->setItemData(0, tr("Backpropagation trains every layer with the optimizer below."), Qt::ToolTipRole);
    addRow(form, tr("Algorithm"), m_algorithm,
           tr("Gradient descent trains every layer by backpropagation; Rosenblatt's rule, w ← w + η(y − ŷ)x on "
              "each mistake, trains a single step unit."));

    m_optimizer = new QComboBox;
    m_optimizer->setObjectName(QStringLiteral("optimizer"));
    for (const OptimizerKind kind : kOptimizers) {
        m_optimizer->addItem(QString::fromUtf8(optimizerTitle(kind)), static_cast<int>(kind));
        m_optimizer->setItemData(m_optimizer->count() - 1, optimizerTip(kind), Qt::ToolTipRole);
    }
    addRow(form, tr("Optimizer"), m_optimizer, optimizerTip(OptimizerKind::Adam));

    m_learningRate = new LogSpinBox(1e-5);
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_learningRate->setRange(0.0, 1000.0);
    addRow(form, tr("Learning rate η"), m_learningRate,
           tr("Step size η of each update θ ← θ − η·∇L; the arrows go 0.001, 0.003, 0.01, 0.03 …"));

    m_momentum = new NumberSpinBox;
    m_momentum->setObjectName(QStringLiteral("momentum"));
    m_momentum->setRange(0.0, 0.9999);
    m_momentum->setSingleStep(0.05);
    addRow(form, tr("Momentum μ"), m_momentum,
           tr("v ← μv − η∇L; θ ← θ + v: μ is how much of the previous step carries over."));

    m_beta1 = new NumberSpinBox;
    m_beta1->setObjectName(QStringLiteral("beta1"));
    m_beta1->setRange(0.0, 0.9999);
    m_beta1->setSingleStep(0.01);
    addRow(form, tr("β1"), m_beta1, tr("Decay of Adam's running mean of the gradient, m ← β1·m + (1 − β1)·g."));

    m_beta2 = new NumberSpinBox;
    m_beta2->setObjectName(QStringLiteral("beta2"));
    m_beta2->setRange(0.0, 0.999999);
    m_beta2->setSingleStep(0.001);
    addRow(form, tr("β2"), m_beta2,
           tr("Decay of Adam's running mean of the squared gradient, v ← β2·v + (1 − β2)·g²."));

    m_rho = new NumberSpinBox;
    m_rho->setObjectName(QStringLiteral("rho"));
    m_rho->setRange(0.0, 0.9999);
    m_rho->setSingleStep(0.01);
    addRow(form, tr("ρ"), m_rho,
           tr("Decay of RMSProp's running mean of the squared gradient, E[g²] ← ρ·E[g²] + (1 − ρ)·g²."));

    m_epsilon = new LogSpinBox(1e-12);
    m_epsilon->setObjectName(QStringLiteral("epsilon"));
    m_epsilon->setRange(1e-12, 1.0);
    addRow(form, tr("ε"), m_epsilon,
           tr("Added to the denominator of η·g/(√v + ε) so steps stay finite where gradients vanish."));

    m_weightDecay = new LogSpinBox(1e-4);
    m_weightDecay->setObjectName(QStringLiteral("weightDecay"));
    m_weightDecay->setRange(0.0, 10.0);
    addRow(form, tr("Weight decay λ"), m_weightDecay,
           tr("AdamW shrinks every weight by θ ← θ − ηλθ each step, apart from the gradient (biases are spared)."));

    m_perceptronNote = noteLabel(tr("The perceptron rule uses only η, the schedule and the batches."),
                                 QStringLiteral("perceptronNote"));
    form->addRow(m_perceptronNote);

    connect(m_algorithm, &QComboBox::currentIndexChanged, this,
            [this] { setAlgorithm(m_algorithm->currentData().toInt()); });
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
        edit(tr("Change optimizer"), {}, [kind](Config &c) { c.training.optimizer.kind = kind; });
    });
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change learning rate"), QStringLiteral("training.learningRate"),
             [v](Config &c) { c.training.optimizer.learningRate = v; });
    });
    connect(m_momentum, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change momentum"), QStringLiteral("training.momentum"),
             [v](Config &c) { c.training.optimizer.momentum = v; });
    });
    connect(m_beta1, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change β1"), QStringLiteral("training.beta1"), [v](Config &c) { c.training.optimizer.beta1 = v; });
    });
    connect(m_beta2, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change β2"), QStringLiteral("training.beta2"), [v](Config &c) { c.training.optimizer.beta2 = v; });
    });
    connect(m_rho, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change ρ"), QStringLiteral("training.rho"), [v](Config &c) { c.training.optimizer.rho = v; });
    });
    connect(m_epsilon, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change ε"), QStringLiteral("training.epsilon"), [v](Config &c) { c.training.optimizer.epsilon = v; });
    });
    connect(m_weightDecay, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change weight decay"), QStringLiteral("training.weightDecay"),
             [v](Config &c) { c.training.optimizer.weightDecay = v; });
    });
    return group;
}

QWidget *TrainingPanel::createScheduleGroup()
{
    auto *group = new QGroupBox(tr("Learning-rate schedule"));
    m_scheduleForm = makeForm(group);
    QFormLayout *form = m_scheduleForm;

    m_schedule = new QComboBox;
    m_schedule->setObjectName(QStringLiteral("schedule"));
    for (const ScheduleKind kind : kSchedules) {
        m_schedule->addItem(QString::fromUtf8(scheduleTitle(kind)), static_cast<int>(kind));
        m_schedule->setItemData(m_schedule->count() - 1, scheduleTip(kind), Qt::ToolTipRole);
    }
    addRow(form, tr("Schedule"), m_schedule, scheduleTip(ScheduleKind::Constant));

    m_finalLearningRate = new LogSpinBox(1e-5);
    m_finalLearningRate->setObjectName(QStringLiteral("finalLearningRate"));
    m_finalLearningRate->setRange(0.0, 1000.0);
    addRow(form, tr("Final rate η_τ"), m_finalLearningRate, tr("The learning rate reached at step τ and kept after it."));

    m_tau = new QSpinBox;
    m_tau->setObjectName(QStringLiteral("tau"));
    m_tau->setRange(1, kLargeCount);
    m_tau->setSingleStep(100);
    m_tau->setSuffix(tr(" steps"));
    m_tau->setKeyboardTracking(false);
    addRow(form, tr("Steps τ"), m_tau, tr("Number of updates over which η moves from η₀ to η_τ."));

    m_decay = new NumberSpinBox;
    m_decay->setObjectName(QStringLiteral("decay"));
    m_decay->setRange(0.001, 1.0);
    m_decay->setSingleStep(0.05);
    addRow(form, tr("Factor γ"), m_decay, tr("The factor η is multiplied by every s steps (γ = 1 keeps it constant)."));

    m_decaySteps = new QSpinBox;
    m_decaySteps->setObjectName(QStringLiteral("decaySteps"));
    m_decaySteps->setRange(1, kLargeCount);
    m_decaySteps->setSingleStep(100);
    m_decaySteps->setSuffix(tr(" steps"));
    m_decaySteps->setKeyboardTracking(false);
    addRow(form, tr("Interval s"), m_decaySteps, tr("Number of updates s per decay by the factor γ."));

    connect(m_schedule, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = static_cast<ScheduleKind>(m_schedule->currentData().toInt());
        edit(tr("Change learning-rate schedule"), {}, [kind](Config &c) { c.training.schedule.kind = kind; });
    });
    connect(m_finalLearningRate, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change final learning rate"), QStringLiteral("training.finalLearningRate"),
             [v](Config &c) { c.training.schedule.finalLearningRate = v; });
    });
    connect(m_tau, &QSpinBox::valueChanged, this, [this](int v) {
        edit(tr("Change schedule steps τ"), QStringLiteral("training.tau"), [v](Config &c) { c.training.schedule.tau = v; });
    });
    connect(m_decay, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change decay factor γ"), QStringLiteral("training.decay"),
             [v](Config &c) { c.training.schedule.decay = v; });
    });
    connect(m_decaySteps, &QSpinBox::valueChanged, this, [this](int v) {
        edit(tr("Change decay interval"), QStringLiteral("training.decaySteps"),
             [v](Config &c) { c.training.schedule.decaySteps = v; });
    });
    return group;
}

QWidget *TrainingPanel::createBatchGroup()
{
    auto *group = new QGroupBox(tr("Batches"));
    QFormLayout *form = makeForm(group);

    m_batchSize = new QSpinBox;
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    m_batchSize->setKeyboardTracking(false);
    const QString batchTip = tr("Training points per update: 1 is stochastic gradient descent, more average the "
                                "gradient over a mini-batch.");
    m_batchSize->setToolTip(batchTip);
    m_fullBatch = new QCheckBox(tr("Full batch"));
    m_fullBatch->setObjectName(QStringLiteral("fullBatch"));
    m_fullBatch->setToolTip(tr("Use every training point in each update (batch gradient descent)."));
    addRow(form, tr("Batch size"), pairRow(m_batchSize, m_fullBatch), batchTip);
    m_batchHint = noteLabel({}, QStringLiteral("batchHint"));
    form->addRow(m_batchHint);

    m_shuffle = new QCheckBox(tr("Shuffle every epoch"));
    m_shuffle->setObjectName(QStringLiteral("shuffle"));
    m_shuffle->setToolTip(tr("Reshuffle the order of the training points every epoch, so the batches differ."));
    form->addRow(m_shuffle);

    m_seed = new SeedSpinBox;
    m_seed->setObjectName(QStringLiteral("trainingSeed"));
    const QString seedTip = tr("Seed for shuffling and dropout masks: the same seed gives the same run.");
    m_seed->setToolTip(seedTip);
    auto *newSeed = new QPushButton(tr("New"));
    newSeed->setObjectName(QStringLiteral("newTrainingSeed"));
    newSeed->setToolTip(tr("Pick a new random training seed."));
    addRow(form, tr("Seed"), pairRow(m_seed, newSeed), seedTip);

    connect(m_batchSize, &QSpinBox::valueChanged, this, [this](int v) {
        edit(tr("Change batch size"), QStringLiteral("training.batchSize"), [v](Config &c) { c.training.batchSize = v; });
    });
    connect(m_fullBatch, &QCheckBox::toggled, this, [this](bool full) {
        const int partial = std::min(m_partialBatch, std::max(1, m_document->dataset().trainCount()));
        edit(full ? tr("Train on full batches") : tr("Train on mini-batches"), {},
             [full, partial](Config &c) { c.training.batchSize = full ? 0 : partial; });
    });
    connect(m_shuffle, &QCheckBox::toggled, this, [this](bool on) {
        edit(on ? tr("Shuffle every epoch") : tr("Stop shuffling"), {}, [on](Config &c) { c.training.shuffle = on; });
    });
    connect(m_seed, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change training seed"), QStringLiteral("training.seed"),
             [v](Config &c) { c.training.seed = static_cast<std::uint64_t>(v); });
    });
    connect(newSeed, &QPushButton::clicked, this, [this] {
        const std::uint64_t old = m_document->config().training.seed;
        std::uint64_t seed = old;
        while (seed == old)
            seed = QRandomGenerator::global()->bounded(1, 1'000'000);
        edit(tr("New training seed"), {}, [seed](Config &c) { c.training.seed = seed; });
    });
    return group;
}

QWidget *TrainingPanel::createRegularisationGroup()
{
    auto *group = new QGroupBox(tr("Regularisation"));
    QFormLayout *form = makeForm(group);

    m_l1 = new LogSpinBox(1e-5);
    m_l1->setObjectName(QStringLiteral("l1"));
    m_l1->setRange(0.0, 100.0);
    m_l1->setSpecialValueText(tr("off"));
    addRow(form, tr("L1 λ₁"), m_l1,
           tr("Adds λ₁·Σ|w| to the loss, pushing weights to exactly 0 (biases are not penalised)."));

    m_l2 = new LogSpinBox(1e-5);
    m_l2->setObjectName(QStringLiteral("l2"));
    m_l2->setRange(0.0, 100.0);
    m_l2->setSpecialValueText(tr("off"));
    addRow(form, tr("L2 λ₂"), m_l2,
           tr("Adds λ₂/2·Σw² to the loss, shrinking weights towards 0 (biases are not penalised)."));
    form->addRow(noteLabel(tr("Dropout and batch norm are set per layer under Network."),
                           QStringLiteral("regularisationNote")));

    connect(m_l1, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change L1 penalty"), QStringLiteral("training.l1"), [v](Config &c) { c.training.penalty.l1 = v; });
    });
    connect(m_l2, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change L2 penalty"), QStringLiteral("training.l2"), [v](Config &c) { c.training.penalty.l2 = v; });
    });
    return group;
}

QWidget *TrainingPanel::createStoppingGroup()
{
    auto *group = new QGroupBox(tr("Stopping"));
    QFormLayout *form = makeForm(group);

    m_earlyStopping = new QCheckBox(tr("Stop early"));
    m_earlyStopping->setObjectName(QStringLiteral("earlyStopping"));
    m_earlyStopping->setToolTip(tr("Stop when the validation loss has not improved for a number of epochs, before "
                                   "the network overfits."));
    form->addRow(m_earlyStopping);

    m_patience = new QSpinBox;
    m_patience->setObjectName(QStringLiteral("patience"));
    m_patience->setRange(1, 1'000'000);
    m_patience->setSingleStep(10);
    m_patience->setSuffix(tr(" epochs"));
    m_patience->setKeyboardTracking(false);
    addRow(form, tr("Patience"), m_patience, tr("Epochs without a better validation loss before training stops."));

    m_minDelta = new LogSpinBox(1e-5);
    m_minDelta->setObjectName(QStringLiteral("minDelta"));
    m_minDelta->setRange(0.0, 1000.0);
    addRow(form, tr("Min. improvement"), m_minDelta,
           tr("A drop of the validation loss smaller than this does not count as an improvement."));

    m_restoreBest = new QCheckBox(tr("Restore the best weights"));
    m_restoreBest->setObjectName(QStringLiteral("restoreBest"));
    m_restoreBest->setToolTip(tr("When stopping early, go back to the weights with the lowest validation loss."));
    form->addRow(m_restoreBest);

    m_maxEpochs = new QSpinBox;
    m_maxEpochs->setObjectName(QStringLiteral("maxEpochs"));
    m_maxEpochs->setRange(0, kLargeCount);
    m_maxEpochs->setSingleStep(100);
    m_maxEpochs->setSpecialValueText(tr("none"));
    m_maxEpochs->setKeyboardTracking(false);
    addRow(form, tr("Epoch limit"), m_maxEpochs, tr("Stop after this many epochs; 0 (none) trains until paused."));

    m_targetLoss = new LogSpinBox(1e-4);
    m_targetLoss->setObjectName(QStringLiteral("targetLoss"));
    m_targetLoss->setRange(0.0, 1000.0);
    m_targetLoss->setSpecialValueText(tr("off"));
    addRow(form, tr("Target loss"), m_targetLoss,
           tr("Stop once the training loss is at or below this value; 0 turns it off."));

    connect(m_earlyStopping, &QCheckBox::toggled, this, [this](bool on) {
        edit(on ? tr("Turn on early stopping") : tr("Turn off early stopping"), {},
             [on](Config &c) { c.training.earlyStopping.enabled = on; });
    });
    connect(m_patience, &QSpinBox::valueChanged, this, [this](int v) {
        edit(tr("Change patience"), QStringLiteral("training.patience"),
             [v](Config &c) { c.training.earlyStopping.patience = v; });
    });
    connect(m_minDelta, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change minimum improvement"), QStringLiteral("training.minDelta"),
             [v](Config &c) { c.training.earlyStopping.minDelta = v; });
    });
    connect(m_restoreBest, &QCheckBox::toggled, this, [this](bool on) {
        edit(on ? tr("Restore best weights when stopping") : tr("Keep last weights when stopping"), {},
             [on](Config &c) { c.training.earlyStopping.restoreBest = on; });
    });
    connect(m_maxEpochs, &QSpinBox::valueChanged, this, [this](int v) {
        edit(tr("Change epoch limit"), QStringLiteral("training.maxEpochs"), [v](Config &c) { c.training.maxEpochs = v; });
    });
    connect(m_targetLoss, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit(tr("Change target loss"), QStringLiteral("training.targetLoss"), [v](Config &c) { c.training.targetLoss = v; });
    });
    return group;
}

void TrainingPanel::setAlgorithm(int algorithm)
{
    const Dataset &data = m_document->dataset();
    if (static_cast<Algorithm>(algorithm) == Algorithm::Perceptron) {
        edit(tr("Use the perceptron rule"), {}, [](Config &c) {
            c.training.algorithm = Algorithm::Perceptron;
            c.network.head = OutputHead::Step;
            c.network.loss = Loss::Perceptron;
        });
        return;
    }
    edit(tr("Use gradient descent"), {}, [&data](Config &c) {
        c.training.algorithm = Algorithm::GradientDescent;
        // The step unit has no useful gradient: back to the problem's usual output.
        if (c.network.head == OutputHead::Step) {
            c.network.head = defaultHead(data.task, data.classCount);
            c.network.loss = defaultLoss(c.network.head, data.task);
        }
    });
}

void TrainingPanel::syncFromDocument()
{
    const Config &config = m_document->config();
    const TrainingSpec &training = config.training;
    const OptimizerSpec &opt = training.optimizer;
    const Dataset &data = m_document->dataset();
    m_problem->hide();

    // The perceptron rule needs a single layer of step units on class labels.
    const bool perceptronPossible = config.network.hidden.empty()
                                    && validateHeadAndLoss(OutputHead::Step, Loss::Perceptron, data.task,
                                                           data.classCount).empty();
    if (auto *model = qobject_cast<QStandardItemModel *>(m_algorithm->model())) {
        QStandardItem *item = model->item(1);
        item->setEnabled(perceptronPossible || training.algorithm == Algorithm::Perceptron);
        item->setToolTip(perceptronPossible
                             ? tr("Rosenblatt's rule: on a mistake w ← w + η(y − ŷ)x, for a single layer of step units.")
                             : data.isClassification()
                                   ? tr("Rosenblatt's rule trains a single layer: remove the hidden layers first.")
                                   : tr("Rosenblatt's rule classifies; it cannot fit regression targets."));
    }
    setCurrentDataQuietly(m_algorithm, static_cast<int>(training.algorithm));
    const bool perceptron = training.algorithm == Algorithm::Perceptron;

    setCurrentDataQuietly(m_optimizer, static_cast<int>(opt.kind));
    m_optimizer->setToolTip(optimizerTip(opt.kind));
    setQuietly(m_learningRate, opt.learningRate);
    setQuietly(m_momentum, opt.momentum);
    setQuietly(m_beta1, opt.beta1);
    setQuietly(m_beta2, opt.beta2);
    setQuietly(m_rho, opt.rho);
    setQuietly(m_epsilon, opt.epsilon);
    setQuietly(m_weightDecay, opt.weightDecay);
    const OptimizerKind kind = opt.kind;
    const bool adam = kind == OptimizerKind::Adam || kind == OptimizerKind::AdamW;
    m_optimizerForm->setRowVisible(m_optimizer, !perceptron);
    m_optimizerForm->setRowVisible(m_momentum,
                                   !perceptron && (kind == OptimizerKind::Momentum || kind == OptimizerKind::Nesterov));
    m_optimizerForm->setRowVisible(m_beta1, !perceptron && adam);
    m_optimizerForm->setRowVisible(m_beta2, !perceptron && adam);
    m_optimizerForm->setRowVisible(m_rho, !perceptron && kind == OptimizerKind::RMSProp);
    m_optimizerForm->setRowVisible(m_epsilon,
                                   !perceptron && (adam || kind == OptimizerKind::Adagrad || kind == OptimizerKind::RMSProp));
    m_optimizerForm->setRowVisible(m_weightDecay, !perceptron && kind == OptimizerKind::AdamW);
    m_perceptronNote->setVisible(perceptron);

    const ScheduleSpec &schedule = training.schedule;
    setCurrentDataQuietly(m_schedule, static_cast<int>(schedule.kind));
    m_schedule->setToolTip(scheduleTip(schedule.kind));
    setQuietly(m_finalLearningRate, schedule.finalLearningRate);
    setQuietly(m_tau, static_cast<int>(std::min<std::int64_t>(schedule.tau, kLargeCount)));
    setQuietly(m_decay, schedule.decay);
    setQuietly(m_decaySteps, static_cast<int>(std::min<std::int64_t>(schedule.decaySteps, kLargeCount)));
    const bool toTarget = schedule.kind == ScheduleKind::Linear || schedule.kind == ScheduleKind::Cosine;
    const bool decays = schedule.kind == ScheduleKind::Step || schedule.kind == ScheduleKind::Exponential;
    m_scheduleForm->setRowVisible(m_finalLearningRate, toTarget);
    m_scheduleForm->setRowVisible(m_tau, toTarget);
    m_scheduleForm->setRowVisible(m_decay, decays);
    m_scheduleForm->setRowVisible(m_decaySteps, decays);

    const int trainCount = data.trainCount();
    const bool full = training.batchSize == 0;
    if (!full)
        m_partialBatch = training.batchSize;
    {
        const QSignalBlocker blocker(m_batchSize);
        m_batchSize->setRange(1, std::max({1, trainCount, full ? 1 : training.batchSize}));
        m_batchSize->setValue(full ? std::max(1, trainCount) : training.batchSize);
    }
    m_batchSize->setEnabled(!full);
    setCheckedQuietly(m_fullBatch, full);
    if (full)
        m_batchHint->setText(tr("Every step uses all %1 training points.").arg(trainCount));
    else if (training.batchSize == 1)
        m_batchHint->setText(tr("1 = stochastic: one point per step, %1 steps per epoch.").arg(trainCount));
    else
        m_batchHint->setText(tr("1 = stochastic; %1 training points in all.").arg(trainCount));
    setCheckedQuietly(m_shuffle, training.shuffle);
    setQuietly(m_seed, static_cast<double>(training.seed));

    setQuietly(m_l1, training.penalty.l1);
    setQuietly(m_l2, training.penalty.l2);
    m_l1->setEnabled(!perceptron);
    m_l2->setEnabled(!perceptron);

    const EarlyStoppingSpec &early = training.earlyStopping;
    setCheckedQuietly(m_earlyStopping, early.enabled);
    setQuietly(m_patience, early.patience);
    setQuietly(m_minDelta, early.minDelta);
    setCheckedQuietly(m_restoreBest, early.restoreBest);
    m_patience->setEnabled(early.enabled);
    m_minDelta->setEnabled(early.enabled);
    m_restoreBest->setEnabled(early.enabled);
    setQuietly(m_maxEpochs, static_cast<int>(std::min<std::int64_t>(training.maxEpochs, kLargeCount)));
    setQuietly(m_targetLoss, training.targetLoss);
}

template <typename Edit>
void TrainingPanel::edit(const QString &text, const QString &mergeKey, Edit edit)
{
    Config config = m_document->config();
    edit(config);
    apply(config, text, mergeKey);
}

void TrainingPanel::apply(const Config &config, const QString &text, const QString &mergeKey)
{
    const Dataset &data = m_document->dataset();
    if (const std::string problem = validateConfig(config, data.task, data.classCount); !problem.empty()) {
        // Put the controls back to what is in effect, and say why the edit was refused.
        syncFromDocument();
        m_problem->setText(tr("Not applied: %1").arg(QString::fromStdString(problem)));
        m_problem->show();
        return;
    }
    m_document->changeConfig(config, text, mergeKey);
}

}  // namespace np

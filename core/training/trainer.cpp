#include "trainer.h"

#include "../common/numbertext.h"
#include "../network/init.h"
#include "evaluation.h"
#include "divergence.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace np {

namespace {

int classCountOf(const Dataset &dataset)
{
    return dataset.task == Task::Classification ? dataset.classCount : 1;
}

}  // namespace

Trainer::Trainer() = default;
Trainer::~Trainer() = default;

std::string Trainer::reset(const Config &config, const Dataset &dataset)
{
    if (std::string error = validateDataset(dataset); !error.empty())
        return error;
    if (std::string error = validateConfig(config, dataset.task, dataset.classCount); !error.empty())
        return error;

    dropPartialStep();
    m_config = config;
    m_dataset = dataset;
    const int outputs = outputUnits(config.network.head, dataset.task, classCountOf(dataset));
    m_net = Network<Scalar>(config.network, config.features.count(), outputs);
    Rng initRng(config.init.seed);
    initialize(m_net, config.init, initRng);
    m_optimizer = makeOptimizer(config.training.optimizer, m_net.parameters().size(), m_net.blocks());
    m_rng.reseed(config.training.seed);
    m_deadWeights.clear();
    dropCarriedGradient();

    m_progress = TrainingProgress{};
    buildData();
    m_progress.order.resize(static_cast<std::size_t>(m_xTrain.cols()));
    std::iota(m_progress.order.begin(), m_progress.order.end(), 0);
    if (config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_progress.order));
    prepareBuffers();
    rememberGoodState();
    m_progress.history.push_back(record());
    return {};
}

ApplyResult Trainer::apply(const Config &config)
{
    if (std::string error = validateConfig(config, m_dataset.task, m_dataset.classCount); !error.empty())
        return {error, false};

    const int outputs = outputUnits(config.network.head, m_dataset.task, classCountOf(m_dataset));
    const bool reinitialize = config.features != m_config.features || config.standardize != m_config.standardize
                              || config.init != m_config.init || outputs != m_net.outputs()
                              || !sameParameterLayout(config.network, m_config.network);
    if (reinitialize) {
        std::string error = reset(config, m_dataset);
        return {error, error.empty()};
    }

    dropPartialStep();
    const bool headChanged = config.network.head != m_config.network.head;
    if (config.network != m_config.network) {
        Network<Scalar> net(config.network, m_net.inputs(), outputs);
        std::copy(m_net.parameters().begin(), m_net.parameters().end(), net.parameters().begin());
        std::copy(m_net.buffers().begin(), m_net.buffers().end(), net.buffers().begin());
        m_net = std::move(net);
    }
    if (config.training.optimizer.kind != m_config.training.optimizer.kind)
        m_optimizer = makeOptimizer(config.training.optimizer, m_net.parameters().size(), m_net.blocks());
    else
        m_optimizer->setSpec(config.training.optimizer);
    m_config = config;
    if (!config.training.carryPartialBatch || config.training.algorithm != Algorithm::GradientDescent)
        dropCarriedGradient();
    if (headChanged)
        buildData();  // targets are encoded per head
    prepareBuffers();
    rememberGoodState();
    return {};
}

ApplyResult Trainer::setDataset(const Dataset &dataset)
{
    if (std::string error = validateDataset(dataset); !error.empty())
        return {error, false};
    if (std::string error = validateConfig(m_config, dataset.task, dataset.classCount); !error.empty())
        return {error, false};
    const int outputs = outputUnits(m_config.network.head, dataset.task, classCountOf(dataset));
    if (dataset.task != m_dataset.task || outputs != m_net.outputs()) {
        std::string error = reset(m_config, dataset);
        return {error, error.empty()};
    }
    dropPartialStep();
    dropCarriedGradient();  // the epoch restarts on other points
    m_dataset = dataset;
    buildData();
    m_progress.order.resize(static_cast<std::size_t>(m_xTrain.cols()));
    std::iota(m_progress.order.begin(), m_progress.order.end(), 0);
    if (m_config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_progress.order));
    m_progress.cursor = 0;
    if (m_progress.stopReason == StopReason::NoData)
        clearStop();
    prepareBuffers();
    return {};
}

void Trainer::buildData()
{
    std::vector<DataPoint> train, validation;
    for (const DataPoint &p : m_dataset.points)
        (p.validation ? validation : train).push_back(p);

    const FeatureSet &features = m_config.features;
    Matrix<double> fTrain = featureMatrix<double>(features, train);
    Matrix<double> fVal = featureMatrix<double>(features, validation);
    m_standardizer = m_config.standardize && !train.empty() ? Standardizer::fit<double>(fTrain)
                                                            : Standardizer::identity(features.count());
    m_standardizer.apply<double>(fTrain);
    m_standardizer.apply<double>(fVal);
    m_xTrain = fTrain.cast<Scalar>();
    m_xVal = fVal.cast<Scalar>();

    const int outputs = m_net.outputs();
    auto encode = [&](const std::vector<DataPoint> &points, Matrix<Scalar> &y, std::vector<int> &labels) {
        y.resize(outputs, static_cast<Index>(points.size()));
        labels.resize(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            encodeTarget<Scalar>(m_config.network.head, m_dataset.task, outputs, points[i].label,
                                 points[i].target, &y(0, static_cast<Index>(i)));
            labels[i] = points[i].label;
        }
    };
    encode(train, m_yTrain, m_labelTrain);
    encode(validation, m_yVal, m_labelVal);
}

void Trainer::prepareBuffers()
{
    const Index n = m_xTrain.cols();
    const Index batch = m_config.training.batchSize == 0 ? n : std::min<Index>(m_config.training.batchSize, n);
    const Index columns = std::max<Index>(batch, 1);
    m_xBatch.resize(m_net.inputs(), columns);
    m_yBatch.resize(m_net.outputs(), columns);
    const Index evalColumns = std::min(std::max(n, m_xVal.cols()), kEvaluationChunk);
    m_net.reserve(std::max(blockColumns(columns), evalColumns));
    m_perceptronZ.resize(m_net.outputs());
    m_health.resize(m_net);
    const std::size_t parameters = m_net.parameters().size();
    m_goodParameters.resize(parameters);
    m_goodBuffers.resize(m_net.buffers().size());
    m_progress.earlyStopping.bestParameters.resize(parameters);
    m_progress.earlyStopping.bestBuffers.resize(m_net.buffers().size());
    m_progress.history.reserve(kMaxHistoryRows);
    m_weightsBeforeStep.resize(parameters);
    if (m_deadWeights.size() != parameters)
        m_deadWeights.assign(parameters, 0);
    if (m_carriedGradients.size() != parameters) {
        m_carriedGradients.assign(parameters, 0.0);
        m_carriedCount = 0;
    }
}

double Trainer::learningRate() const
{
    return learningRateAt(m_config.training.schedule, m_config.training.optimizer.learningRate, m_progress.step);
}

bool Trainer::step()
{
    if (isStopped())
        return false;
    const Index n = m_xTrain.cols();
    if (n == 0) {
        m_progress.stopReason = StopReason::NoData;
        m_progress.stopMessage = "There are no training points. Add points or lower the validation share.";
        return false;
    }
    m_interrupted = false;
    if (m_progress.cursor >= n) {
        // An epoch end cut short while evaluating (or a state saved then): finish it first.
        if (!finishEpoch()) {
            m_interrupted = true;
            return false;
        }
        return !isStopped();  // this call's work was the epoch's end
    }
    const Index batch = m_config.training.batchSize == 0 ? n : std::min<Index>(m_config.training.batchSize, n);
    const Index count = std::min<Index>(batch, n - m_progress.cursor);
    if (m_progress.cursor == 0)
        m_health.startEpoch();  // the recorded gradient norms describe one epoch

    if (m_config.training.algorithm == Algorithm::Perceptron) {
        perceptronStep(count);
        ++m_progress.step;
    } else {
        const StepResult result = gradientStep(count);
        if (result == StepResult::Interrupted)
            m_interrupted = true;
        if (result == StepResult::Diverged || result == StepResult::Interrupted)
            return false;
        if (result == StepResult::Done)
            ++m_progress.step;  // a carried batch makes no update
    }

    m_progress.samples += count;
    m_progress.cursor += count;
    if (m_progress.cursor >= n && !finishEpoch()) {
        m_interrupted = true;  // the step is done; the epoch end goes on at the next step()
        return false;
    }
    return !isStopped();
}

std::int64_t Trainer::train(std::int64_t steps)
{
    std::int64_t done = 0;
    while (done < steps && step())
        ++done;
    return done;
}

bool Trainer::trainEpoch()
{
    const std::int64_t epoch = m_progress.epoch;
    while (m_progress.epoch == epoch) {
        if (!step())
            return false;
    }
    return true;
}

Trainer::StepResult Trainer::gradientStep(Index count)
{
    MatrixMap<Scalar> xb(m_xBatch.data(), m_xBatch.rows(), count);
    MatrixMap<Scalar> yb(m_yBatch.data(), m_yBatch.rows(), count);
    for (Index j = 0; j < count; ++j) {
        const Index i = m_progress.order[static_cast<std::size_t>(m_progress.cursor + j)];
        xb.col(j) = m_xTrain.col(i);
        yb.col(j) = m_yTrain.col(i);
    }
    const Index block = blockColumns(count);
    if (block < count)
        return blockedGradientStep(count, block);

    const ConstMatrixMap<Scalar> x(xb.data(), xb.rows(), count);
    const ConstMatrixMap<Scalar> y(yb.data(), yb.rows(), count);

    const double eta = learningRate();
    m_net.forward(x, Mode::Train, &m_rng);
    const Scalar loss = m_net.loss(y, true);
    m_lastBatchLoss = loss;
    if (!std::isfinite(loss)) {
        diverge("step");
        return StepResult::Diverged;
    }
    if (carriesBatch(count)) {
        m_net.backward(x, Penalty{});
        carryGradient(count);
        return StepResult::Carried;
    }
    if (m_carriedCount > 0) {
        m_net.backward(x, Penalty{});
        mergeCarriedGradient(count);
        addPenaltyGradient();
    } else {
        m_net.backward(x, gradientPenalty());
    }
    m_health.addStep(m_net);
    rememberWeightsBeforeStep();
    m_optimizer->step(m_net.paddedParameters(), m_net.paddedGradients(), eta);
    applyL1StopsAtZero(eta);
    return StepResult::Done;
}

void Trainer::perceptronStep(Index count)
{
    // Rosenblatt: on a mistake move the weights towards the example (and, for several
    // classes, away from the wrongly winning class).
    const Scalar eta = Scalar(learningRate());
    MatrixMap<Scalar> W = m_net.W(0);
    VectorMap<Scalar> b = m_net.b(0);
    int mistakes = 0;
    for (Index j = 0; j < count; ++j) {
        const Index i = m_progress.order[static_cast<std::size_t>(m_progress.cursor + j)];
        const auto x = m_xTrain.col(i);
        const int label = m_labelTrain[static_cast<std::size_t>(i)];
        m_perceptronZ.noalias() = W * x;
        m_perceptronZ += b;
        if (m_net.outputs() == 1) {
            const int predicted = m_perceptronZ(0) > Scalar(0) ? 1 : 0;
            if (predicted != label) {
                const Scalar s = eta * Scalar(label - predicted);
                W.row(0) += s * x.transpose();
                b(0) += s;
                ++mistakes;
            }
            continue;
        }
        Index predicted = 0;
        m_perceptronZ.maxCoeff(&predicted);
        if (predicted != label) {
            W.row(label) += eta * x.transpose();
            b(label) += eta;
            W.row(predicted) -= eta * x.transpose();
            b(predicted) -= eta;
            ++mistakes;
        }
    }
    m_lastBatchLoss = count > 0 ? double(mistakes) / double(count) : 0.0;
}

bool Trainer::finishEpoch()
{
    const EarlyStoppingSpec &early = m_config.training.earlyStopping;
    const std::int64_t ending = m_progress.epoch + 1;
    const bool recordNow = ending % m_progress.historyInterval == 0;
    const bool lastEpoch = m_config.training.maxEpochs > 0 && ending >= m_config.training.maxEpochs;
    const bool needMetrics = recordNow || lastEpoch || early.enabled || m_config.training.targetLoss > 0;
    // The evaluation may be cut short between chunks (Pause must not wait for a million points);
    // the epoch then ends at the next step(), with the same result.
    if (needMetrics && !evaluateRecord(true))
        return false;
    ++m_progress.epoch;
    m_progress.cursor = 0;
    if (!needMetrics) {
        // Between recorded epochs the metrics are not evaluated; the weights are still checked.
        if (!std::all_of(m_net.parameters().begin(), m_net.parameters().end(),
                         [](Scalar v) { return std::isfinite(v); })) {
            diverge("epoch");
            return true;
        }
        rememberGoodState();
        if (m_config.training.shuffle)
            m_rng.shuffle(std::span<int>(m_progress.order));
        return true;
    }
    HistoryRecord r = stampedRecord();
    if (!std::isfinite(r.train.loss)) {
        diverge("epoch");
        return true;
    }
    if (recordNow) {
        m_progress.history.push_back(r);
        compactHistory();
    }
    rememberGoodState();

    if (early.enabled) {
        EarlyStoppingState &es = m_progress.earlyStopping;
        const double monitored = r.validation.count > 0 ? r.validation.loss : r.train.loss;
        if (monitored < es.bestLoss - early.minDelta) {
            es.bestLoss = monitored;
            es.bestEpoch = m_progress.epoch;
            es.badEpochs = 0;
            es.bestParameters.assign(m_net.parameters().begin(), m_net.parameters().end());
            es.bestBuffers.assign(m_net.buffers().begin(), m_net.buffers().end());
        } else if (++es.badEpochs >= early.patience) {
            if (early.restoreBest && es.bestParameters.size() == m_net.parameters().size()) {
                std::copy(es.bestParameters.begin(), es.bestParameters.end(), m_net.parameters().begin());
                std::copy(es.bestBuffers.begin(), es.bestBuffers.end(), m_net.buffers().begin());
                rememberGoodState();
            }
            m_progress.stopReason = StopReason::EarlyStopping;
            m_progress.stopMessage = "Early stopping: the " + std::string(r.validation.count > 0 ? "validation" : "training")
                                  + " loss has not improved for " + std::to_string(early.patience)
                                  + " epochs; the best was " + formatNumber(es.bestLoss) + " at epoch "
                                  + std::to_string(es.bestEpoch)
                                  + (early.restoreBest ? ", and its weights were restored." : ".");
        }
    }
    if (isStopped() && !recordNow)
        m_progress.history.push_back(r);  // the row a stop happened at is always kept
    if (!isStopped() && m_config.training.maxEpochs > 0 && m_progress.epoch >= m_config.training.maxEpochs) {
        if (!recordNow)
            m_progress.history.push_back(r);
        m_progress.stopReason = StopReason::MaxEpochs;
        m_progress.stopMessage = "Reached the epoch limit of " + std::to_string(m_config.training.maxEpochs) + ".";
    }
    if (!isStopped() && m_config.training.targetLoss > 0 && r.train.loss <= m_config.training.targetLoss) {
        if (!recordNow)
            m_progress.history.push_back(r);
        m_progress.stopReason = StopReason::TargetLoss;
        m_progress.stopMessage = "The training loss reached the target of "
                              + formatNumber(m_config.training.targetLoss) + ".";
    }
    if (m_config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_progress.order));
    return true;
}

void Trainer::compactHistory()
{
    if (m_progress.history.size() < kMaxHistoryRows)
        return;
    // Keep every other recorded epoch (the first row and the newest always stay) and record half
    // as often from now on: memory stays bounded however long training runs, and the whole run
    // remains covered, ever more coarsely the further back it lies.
    const std::int64_t interval = m_progress.historyInterval * 2;
    History &h = m_progress.history;
    std::size_t kept = 1;
    for (std::size_t i = 1; i < h.size(); ++i) {
        if (h[i].epoch % interval == 0 || i + 1 == h.size())
            h[kept++] = h[i];
    }
    h.resize(kept);
    m_progress.historyInterval = interval;
}

void Trainer::diverge(const char *where)
{
    const double eta = learningRate();
    std::copy(m_goodParameters.begin(), m_goodParameters.end(), m_net.parameters().begin());
    std::copy(m_goodBuffers.begin(), m_goodBuffers.end(), m_net.buffers().begin());
    m_optimizer->setState(m_goodOptimizer);
    dropCarriedGradient();
    const std::int64_t goodEpoch = m_progress.history.empty() ? 0 : m_progress.history.back().epoch;
    m_progress.stopReason = StopReason::Diverged;
    m_progress.stopMessage = std::string("The loss became NaN or infinite ")
                          + (std::string(where) == "step" ? "during epoch " + std::to_string(m_progress.epoch + 1)
                                                          : "at the end of epoch " + std::to_string(m_progress.epoch))
                          + ": the weights blew up. " + divergenceCause(m_dataset, m_config.standardize, eta) + " Training was paused and the weights of epoch "
                          + std::to_string(goodEpoch) + " were restored.";
    if (std::string(where) == "epoch")
        --m_progress.epoch;  // the failed epoch does not count
}

void Trainer::rememberGoodState()
{
    m_goodParameters.assign(m_net.parameters().begin(), m_net.parameters().end());
    m_goodBuffers.assign(m_net.buffers().begin(), m_net.buffers().end());
    m_optimizer->copyStateTo(m_goodOptimizer);
}

void Trainer::clearStop()
{
    m_progress.stopReason = StopReason::None;
    m_progress.stopMessage.clear();
    m_progress.earlyStopping.badEpochs = 0;
}

void Trainer::parametersEdited()
{
    dropPartialStep();
    dropCarriedGradient();  // summed at the weights before the edit
    rememberGoodState();
}

void Trainer::recordStartAgain()
{
    if (m_progress.step != 0 || m_progress.epoch != 0)
        return;
    m_progress.history.clear();
    m_progress.history.push_back(record());
}

Metrics Trainer::evaluate(bool validation)
{
    MetricsSums sums;
    const Matrix<Scalar> &x = validation ? m_xVal : m_xTrain;
    evaluateChunks(m_net, m_dataset.task, x, validation ? m_yVal : m_yTrain, validation ? m_labelVal : m_labelTrain,
                   evaluationColumns(), sums, nullptr, {});
    return metricsFromSums(sums, m_dataset.task, x.cols());
}

Index Trainer::evaluationColumns() const
{
    // Small networks evaluate kEvaluationChunk points at a time; a large one in chunks of about
    // 4 x kBlockWork multiply-adds, so that an interruption is heard between them.
    const long long parameters = std::max<long long>(static_cast<long long>(m_net.parameters().size()), 1);
    if (parameters * kEvaluationChunk <= 64 * kBlockWork)
        return kEvaluationChunk;
    return std::clamp<Index>(static_cast<Index>(4 * kBlockWork / parameters), 4, kEvaluationChunk);
}

bool Trainer::evaluateRecord(bool interruptible)
{
    // Like a step's row blocks, only a large network's evaluation is cut short: a small one's
    // takes milliseconds.
    const Index chunk = evaluationColumns();
    const bool askable = interruptible && chunk < kEvaluationChunk;
    // Two pointers: small enough for std::function to hold without allocating.
    const std::function<bool()> interrupted = [this, &askable] {
        return askable && m_interruption && m_interruption(1.0);
    };
    EpochEnd &e = m_epochEnd;
    if (e.stage == EpochEnd::Start) {
        e.sums = MetricsSums{};
        e.stage = EpochEnd::Validation;
    }
    if (e.stage == EpochEnd::Validation) {
        if (!evaluateChunks(m_net, m_dataset.task, m_xVal, m_yVal, m_labelVal, chunk, e.sums, nullptr, interrupted))
            return false;
        e.record.validation = metricsFromSums(e.sums, m_dataset.task, m_xVal.cols());
        e.sums = MetricsSums{};
        m_health.clearUnitCounts();
        e.stage = EpochEnd::Train;
        // Chunks of a large network: the training points' first chunk is a question away too.
        if (m_xVal.cols() > 0 && interrupted())
            return false;
    }
    if (!evaluateChunks(m_net, m_dataset.task, m_xTrain, m_yTrain, m_labelTrain, chunk, e.sums, &m_health,
                        interrupted))
        return false;
    e.record.train = metricsFromSums(e.sums, m_dataset.task, m_xTrain.cols());
    e.stage = EpochEnd::Done;
    return true;
}

HistoryRecord Trainer::stampedRecord()
{
    HistoryRecord r = m_epochEnd.record;
    m_epochEnd.stage = EpochEnd::Start;
    r.epoch = m_progress.epoch;
    r.step = m_progress.step;
    r.learningRate = learningRate();
    r.penalty = m_net.penaltyValue(m_config.training.penalty);
    m_health.describe(m_net, r.train.count, r);
    return r;
}

HistoryRecord Trainer::record()
{
    m_epochEnd.stage = EpochEnd::Start;
    evaluateRecord(false);
    return stampedRecord();
}

Model Trainer::model() const
{
    Model model;
    model.network = m_config.network;
    model.inputs = m_net.inputs();
    model.outputs = m_net.outputs();
    model.features = m_config.features;
    model.standardizer = m_standardizer;
    model.task = m_dataset.task;
    model.classCount = m_dataset.classCount;
    model.parameters.assign(m_net.parameters().begin(), m_net.parameters().end());
    model.buffers.assign(m_net.buffers().begin(), m_net.buffers().end());
    return model;
}

TrainerState Trainer::state() const
{
    TrainerState s;
    static_cast<TrainingProgress &>(s) = m_progress;
    s.parameters.assign(m_net.parameters().begin(), m_net.parameters().end());
    s.buffers.assign(m_net.buffers().begin(), m_net.buffers().end());
    s.optimizer = m_optimizer->state();
    // A step cut short is not in the state: it starts over, drawing the same dropout masks.
    s.rng = m_partial.active ? m_partial.rngAtStart : m_rng.state();
    s.gradientSquares = m_health.gradientSquares();
    s.gradientSteps = m_health.gradientSteps();
    if (m_carriedCount > 0) {
        s.carriedGradients = m_carriedGradients;
        s.carriedCount = m_carriedCount;
    }
    if (l1StopsAtZero())
        s.deadWeights = m_deadWeights;
    if (!m_config.training.earlyStopping.enabled) {
        s.earlyStopping.bestParameters.clear();
        s.earlyStopping.bestBuffers.clear();
    }
    return s;
}

std::string Trainer::restore(const TrainerState &s)
{
    if (std::string error = checkTrainerState(s, m_net.parameters().size(), m_net.buffers().size(), m_net.layerCount(),
                                              static_cast<std::size_t>(m_xTrain.cols()));
        !error.empty())
        return error;
    auto optimizer = makeOptimizer(m_config.training.optimizer, m_net.parameters().size(), m_net.blocks());
    if (!optimizer->setState(s.optimizer))
        return "the saved optimizer state does not belong to " + std::string(optimizerTitle(m_config.training.optimizer.kind))
               + " for this network";

    dropPartialStep();
    m_optimizer = std::move(optimizer);
    std::copy(s.parameters.begin(), s.parameters.end(), m_net.parameters().begin());
    std::copy(s.buffers.begin(), s.buffers.end(), m_net.buffers().begin());
    m_rng.setState(s.rng);
    m_progress = static_cast<const TrainingProgress &>(s);
    while (m_progress.history.size() >= kMaxHistoryRows)
        compactHistory();  // saved under the earlier limit
    prepareBuffers();
    m_health.restoreSums(s.gradientSquares, s.gradientSteps);
    if (s.carriedCount > 0 && m_config.training.carryPartialBatch) {
        std::copy(s.carriedGradients.begin(), s.carriedGradients.end(), m_carriedGradients.begin());
        m_carriedCount = static_cast<Index>(s.carriedCount);
    } else {
        dropCarriedGradient();
    }
    if (s.deadWeights.empty())
        std::fill(m_deadWeights.begin(), m_deadWeights.end(), std::uint8_t(0));
    else
        std::copy(s.deadWeights.begin(), s.deadWeights.end(), m_deadWeights.begin());
    rememberGoodState();
    return {};
}

}  // namespace np

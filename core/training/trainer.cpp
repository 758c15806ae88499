#include "trainer.h"

#include "../common/enumtable.h"
#include "../network/init.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace np {

namespace {

// Evaluation runs in chunks so the work buffers stay small however large the data is.
constexpr Index kEvalChunk = 4096;

constexpr auto kStops = enumNames<StopReason>({
    {StopReason::None, "none"},
    {StopReason::MaxEpochs, "max_epochs"},
    {StopReason::TargetLoss, "target_loss"},
    {StopReason::EarlyStopping, "early_stopping"},
    {StopReason::Diverged, "diverged"},
    {StopReason::NoData, "no_data"},
});

std::string formatNumber(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

std::string validateDataset(const Dataset &dataset)
{
    if (dataset.task == Task::Classification
        && (dataset.classCount < kMinClasses || dataset.classCount > kMaxClasses))
        return "The data must have 2 to 8 classes.";
    for (std::size_t i = 0; i < dataset.points.size(); ++i) {
        const DataPoint &p = dataset.points[i];
        if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || !std::isfinite(p.target))
            return "Point " + std::to_string(i + 1) + " has a coordinate or target that is not a finite number.";
        if (dataset.task == Task::Classification && (p.label < 0 || p.label >= dataset.classCount))
            return "Point " + std::to_string(i + 1) + " has class " + std::to_string(p.label)
                   + ", outside 0.." + std::to_string(dataset.classCount - 1) + ".";
    }
    return {};
}

int classCountOf(const Dataset &dataset)
{
    return dataset.task == Task::Classification ? dataset.classCount : 1;
}

// True when two network specs give the same parameter layout for the same widths.
bool sameLayout(const NetworkSpec &a, const NetworkSpec &b)
{
    if (a.hidden.size() != b.hidden.size())
        return false;
    for (std::size_t i = 0; i < a.hidden.size(); ++i) {
        const LayerSpec &x = a.hidden[i];
        const LayerSpec &y = b.hidden[i];
        const int px = x.activation == Activation::Maxout ? x.pieces : 1;
        const int py = y.activation == Activation::Maxout ? y.pieces : 1;
        if (x.units != y.units || px != py || x.batchNorm != y.batchNorm)
            return false;
    }
    return true;
}

}  // namespace

const char *stopReasonKey(StopReason reason) { return kStops.key(reason); }
bool parseStopReason(const std::string &key, StopReason &reason) { return kStops.parse(key, reason); }

Trainer::Trainer() = default;
Trainer::~Trainer() = default;

std::string Trainer::reset(const Config &config, const Dataset &dataset)
{
    if (std::string error = validateDataset(dataset); !error.empty())
        return error;
    if (std::string error = validateConfig(config, dataset.task, dataset.classCount); !error.empty())
        return error;

    m_config = config;
    m_dataset = dataset;
    const int outputs = outputUnits(config.network.head, dataset.task, classCountOf(dataset));
    m_net = Network<Scalar>(config.network, config.features.count(), outputs);
    Rng initRng(config.init.seed);
    initialize(m_net, config.init, initRng);
    m_optimizer = makeOptimizer(config.training.optimizer, m_net.parameters().size(), m_net.blocks());
    m_rng.reseed(config.training.seed);

    m_state = TrainerState{};
    buildData();
    m_state.order.resize(static_cast<std::size_t>(m_xTrain.cols()));
    std::iota(m_state.order.begin(), m_state.order.end(), 0);
    if (config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_state.order));
    prepareBuffers();
    rememberGoodState();
    m_state.history.push_back(record());
    return {};
}

ApplyResult Trainer::apply(const Config &config)
{
    if (std::string error = validateConfig(config, m_dataset.task, m_dataset.classCount); !error.empty())
        return {error, false};

    const int outputs = outputUnits(config.network.head, m_dataset.task, classCountOf(m_dataset));
    const bool reinitialize = config.features != m_config.features || config.standardize != m_config.standardize
                              || config.init != m_config.init || outputs != m_net.outputs()
                              || !sameLayout(config.network, m_config.network);
    if (reinitialize) {
        std::string error = reset(config, m_dataset);
        return {error, error.empty()};
    }

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
    m_dataset = dataset;
    buildData();
    m_state.order.resize(static_cast<std::size_t>(m_xTrain.cols()));
    std::iota(m_state.order.begin(), m_state.order.end(), 0);
    if (m_config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_state.order));
    m_state.cursor = 0;
    if (m_state.stopReason == StopReason::NoData)
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
    const Index evalColumns = std::min(std::max(n, m_xVal.cols()), kEvalChunk);
    m_net.reserve(std::max(columns, evalColumns));
    m_perceptronZ.resize(m_net.outputs());
    m_gradientSquares.assign(static_cast<std::size_t>(m_net.layerCount()), 0.0);
    m_gradientSteps = 0;
    m_unitOffsets.resize(static_cast<std::size_t>(m_net.layerCount()));
    std::size_t units = 0;
    for (int l = 0; l < m_net.layerCount(); ++l) {
        m_unitOffsets[static_cast<std::size_t>(l)] = units;
        units += static_cast<std::size_t>(m_net.layer(l).units);
    }
    m_unitCounts.assign(units, 0);
    const std::size_t parameters = m_net.parameters().size();
    m_goodParameters.resize(parameters);
    m_goodBuffers.resize(m_net.buffers().size());
    m_state.earlyStopping.bestParameters.resize(parameters);
    m_state.earlyStopping.bestBuffers.resize(m_net.buffers().size());
    m_state.history.reserve(kMaxHistoryRows);
}

double Trainer::learningRate() const
{
    return learningRateAt(m_config.training.schedule, m_config.training.optimizer.learningRate, m_state.step);
}

bool Trainer::step()
{
    if (isStopped())
        return false;
    const Index n = m_xTrain.cols();
    if (n == 0) {
        m_state.stopReason = StopReason::NoData;
        m_state.stopMessage = "There are no training points. Add points or lower the validation share.";
        return false;
    }
    const Index batch = m_config.training.batchSize == 0 ? n : std::min<Index>(m_config.training.batchSize, n);
    const Index count = std::min<Index>(batch, n - m_state.cursor);
    if (m_state.cursor == 0) {
        // The recorded gradient norms describe one epoch: start summing afresh.
        std::fill(m_gradientSquares.begin(), m_gradientSquares.end(), 0.0);
        m_gradientSteps = 0;
    }

    if (m_config.training.algorithm == Algorithm::Perceptron)
        perceptronStep(count);
    else if (!gradientStep(count))
        return false;

    ++m_state.step;
    m_state.samples += count;
    m_state.cursor += count;
    if (m_state.cursor >= n)
        finishEpoch();
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
    const std::int64_t epoch = m_state.epoch;
    while (m_state.epoch == epoch) {
        if (!step())
            return false;
    }
    return true;
}

bool Trainer::gradientStep(Index count)
{
    MatrixMap<Scalar> xb(m_xBatch.data(), m_xBatch.rows(), count);
    MatrixMap<Scalar> yb(m_yBatch.data(), m_yBatch.rows(), count);
    for (Index j = 0; j < count; ++j) {
        const Index i = m_state.order[static_cast<std::size_t>(m_state.cursor + j)];
        xb.col(j) = m_xTrain.col(i);
        yb.col(j) = m_yTrain.col(i);
    }
    const ConstMatrixMap<Scalar> x(xb.data(), xb.rows(), count);
    const ConstMatrixMap<Scalar> y(yb.data(), yb.rows(), count);

    const double eta = learningRate();
    m_net.forward(x, Mode::Train, &m_rng);
    const Scalar loss = m_net.loss(y, true);
    m_lastBatchLoss = loss;
    if (!std::isfinite(loss)) {
        diverge("step");
        return false;
    }
    m_net.backward(x, m_config.training.penalty);
    accumulateGradientNorms();
    m_optimizer->step(m_net.paddedParameters(), m_net.paddedGradients(), eta);
    return true;
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
        const Index i = m_state.order[static_cast<std::size_t>(m_state.cursor + j)];
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

void Trainer::finishEpoch()
{
    ++m_state.epoch;
    m_state.cursor = 0;

    const EarlyStoppingSpec &early = m_config.training.earlyStopping;
    const bool recordNow = m_state.epoch % m_state.historyInterval == 0;
    const bool needMetrics = recordNow || early.enabled || m_config.training.targetLoss > 0;
    if (!needMetrics) {
        // Between recorded epochs the metrics are not evaluated; the weights are still checked.
        if (!std::all_of(m_net.parameters().begin(), m_net.parameters().end(),
                         [](Scalar v) { return std::isfinite(v); })) {
            diverge("epoch");
            return;
        }
        rememberGoodState();
        if (m_config.training.maxEpochs > 0 && m_state.epoch >= m_config.training.maxEpochs) {
            m_state.history.push_back(record());
            m_state.stopReason = StopReason::MaxEpochs;
            m_state.stopMessage = "Reached the epoch limit of " + std::to_string(m_config.training.maxEpochs) + ".";
        }
        if (m_config.training.shuffle)
            m_rng.shuffle(std::span<int>(m_state.order));
        return;
    }
    HistoryRecord r = record();
    if (!std::isfinite(r.train.loss)) {
        diverge("epoch");
        return;
    }
    if (recordNow) {
        m_state.history.push_back(r);
        compactHistory();
    }
    rememberGoodState();

    if (early.enabled) {
        EarlyStoppingState &es = m_state.earlyStopping;
        const double monitored = r.validation.count > 0 ? r.validation.loss : r.train.loss;
        if (monitored < es.bestLoss - early.minDelta) {
            es.bestLoss = monitored;
            es.bestEpoch = m_state.epoch;
            es.badEpochs = 0;
            es.bestParameters.assign(m_net.parameters().begin(), m_net.parameters().end());
            es.bestBuffers.assign(m_net.buffers().begin(), m_net.buffers().end());
        } else if (++es.badEpochs >= early.patience) {
            if (early.restoreBest && es.bestParameters.size() == m_net.parameters().size()) {
                std::copy(es.bestParameters.begin(), es.bestParameters.end(), m_net.parameters().begin());
                std::copy(es.bestBuffers.begin(), es.bestBuffers.end(), m_net.buffers().begin());
                rememberGoodState();
            }
            m_state.stopReason = StopReason::EarlyStopping;
            m_state.stopMessage = "Early stopping: the " + std::string(r.validation.count > 0 ? "validation" : "training")
                                  + " loss has not improved for " + std::to_string(early.patience)
                                  + " epochs; the best was " + formatNumber(es.bestLoss) + " at epoch "
                                  + std::to_string(es.bestEpoch)
                                  + (early.restoreBest ? ", and its weights were restored." : ".");
        }
    }
    if (isStopped() && !recordNow)
        m_state.history.push_back(r);  // the row a stop happened at is always kept
    if (!isStopped() && m_config.training.maxEpochs > 0 && m_state.epoch >= m_config.training.maxEpochs) {
        if (!recordNow)
            m_state.history.push_back(r);
        m_state.stopReason = StopReason::MaxEpochs;
        m_state.stopMessage = "Reached the epoch limit of " + std::to_string(m_config.training.maxEpochs) + ".";
    }
    if (!isStopped() && m_config.training.targetLoss > 0 && r.train.loss <= m_config.training.targetLoss) {
        if (!recordNow)
            m_state.history.push_back(r);
        m_state.stopReason = StopReason::TargetLoss;
        m_state.stopMessage = "The training loss reached the target of "
                              + formatNumber(m_config.training.targetLoss) + ".";
    }
    if (m_config.training.shuffle)
        m_rng.shuffle(std::span<int>(m_state.order));
}

void Trainer::compactHistory()
{
    if (m_state.history.size() < kMaxHistoryRows)
        return;
    // Keep every other recorded epoch (the first row and the newest always stay) and record half
    // as often from now on: memory stays bounded however long training runs, and the whole run
    // remains covered, ever more coarsely the further back it lies.
    const std::int64_t interval = m_state.historyInterval * 2;
    History &h = m_state.history;
    std::size_t kept = 1;
    for (std::size_t i = 1; i < h.size(); ++i) {
        if (h[i].epoch % interval == 0 || i + 1 == h.size())
            h[kept++] = h[i];
    }
    h.resize(kept);
    m_state.historyInterval = interval;
}

void Trainer::diverge(const char *where)
{
    const double eta = learningRate();
    std::copy(m_goodParameters.begin(), m_goodParameters.end(), m_net.parameters().begin());
    std::copy(m_goodBuffers.begin(), m_goodBuffers.end(), m_net.buffers().begin());
    m_optimizer->setState(m_goodOptimizer);
    const std::int64_t goodEpoch = m_state.history.empty() ? 0 : m_state.history.back().epoch;
    m_state.stopReason = StopReason::Diverged;
    m_state.stopMessage = std::string("The loss became NaN or infinite ")
                          + (std::string(where) == "step" ? "during epoch " + std::to_string(m_state.epoch + 1)
                                                          : "at the end of epoch " + std::to_string(m_state.epoch))
                          + ": the weights blew up. The learning rate (η = " + formatNumber(eta)
                          + ") is probably too high. Training was paused and the weights of epoch "
                          + std::to_string(goodEpoch) + " were restored.";
    if (std::string(where) == "epoch")
        --m_state.epoch;  // the failed epoch does not count
}

void Trainer::rememberGoodState()
{
    m_goodParameters.assign(m_net.parameters().begin(), m_net.parameters().end());
    m_goodBuffers.assign(m_net.buffers().begin(), m_net.buffers().end());
    m_optimizer->copyStateTo(m_goodOptimizer);
}

void Trainer::clearStop()
{
    m_state.stopReason = StopReason::None;
    m_state.stopMessage.clear();
    m_state.earlyStopping.badEpochs = 0;
}

void Trainer::parametersEdited()
{
    rememberGoodState();
}

Metrics Trainer::evaluate(bool validation)
{
    return validation ? evaluateSet(m_xVal, m_yVal, m_labelVal, false)
                      : evaluateSet(m_xTrain, m_yTrain, m_labelTrain, false);
}

Metrics Trainer::evaluateSet(const Matrix<Scalar> &X, const Matrix<Scalar> &Y, const std::vector<int> &labels,
                             bool countUnits)
{
    Metrics m;
    m.count = static_cast<int>(X.cols());
    std::fill(m_unitCounts.begin(), m_unitCounts.end(), 0);
    if (m.count == 0)
        return m;

    const bool classification = m_dataset.task == Task::Classification;
    const int outputs = m_net.outputs();
    double lossSum = 0, squaredError = 0, targetSum = 0, targetSquares = 0;
    Index correct = 0;
    for (Index start = 0; start < X.cols(); start += kEvalChunk) {
        const Index n = std::min(kEvalChunk, X.cols() - start);
        const ConstMatrixMap<Scalar> x(X.data() + start * X.rows(), X.rows(), n);
        const ConstMatrixMap<Scalar> y(Y.data() + start * Y.rows(), Y.rows(), n);
        m_net.forward(x, Mode::Eval);
        lossSum += double(m_net.loss(y, false)) * double(n);
        const auto a = m_net.output();
        for (Index c = 0; c < n; ++c) {
            if (classification) {
                correct += predictedClass<Scalar>(m_config.network.head, a.data() + c * outputs, outputs)
                           == labels[static_cast<std::size_t>(start + c)];
            } else {
                const double e = double(a(0, c)) - double(y(0, c));
                squaredError += e * e;
                targetSum += y(0, c);
                targetSquares += double(y(0, c)) * double(y(0, c));
            }
        }
        if (countUnits)
            countUnitStates();
    }
    const double count = m.count;
    m.loss = lossSum / count;
    if (classification) {
        m.accuracy = double(correct) / count;
    } else {
        m.rmse = std::sqrt(squaredError / count);
        const double variance = targetSquares - targetSum * targetSum / count;  // sum (y - mean)^2
        m.r2 = variance > 0 ? 1.0 - squaredError / variance : Metrics::nan;
    }
    return m;
}

void Trainer::countUnitStates()
{
    // After a forward pass: per hidden unit, on how many of these points it was active (ReLU)
    // or saturated (sigmoid within 0.03 of 0 or 1, tanh within 0.03 of -1 or 1).
    for (int l = 0; l + 1 < m_net.layerCount(); ++l) {
        const LayerShape &shape = m_net.layer(l);
        int *counts = m_unitCounts.data() + m_unitOffsets[static_cast<std::size_t>(l)];
        const auto a = m_net.a(l);
        switch (shape.activation) {
        case Activation::ReLU:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += a(u, c) > Scalar(0);
            break;
        case Activation::Sigmoid:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += a(u, c) < Scalar(0.03) || a(u, c) > Scalar(0.97);
            break;
        case Activation::Tanh:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += std::abs(a(u, c)) > Scalar(0.97);
            break;
        default:
            break;
        }
    }
}

void Trainer::accumulateGradientNorms()
{
    for (int l = 0; l < m_net.layerCount(); ++l)
        m_gradientSquares[static_cast<std::size_t>(l)] += double(m_net.dW(l).squaredNorm());
    ++m_gradientSteps;
}

HistoryRecord Trainer::record()
{
    HistoryRecord r;
    r.epoch = m_state.epoch;
    r.step = m_state.step;
    r.learningRate = learningRate();
    r.penalty = m_net.penaltyValue(m_config.training.penalty);
    r.validation = evaluate(true);
    r.train = evaluateSet(m_xTrain, m_yTrain, m_labelTrain, true);

    r.healthLayers = std::min(m_net.layerCount(), kMaxHealthLayers);
    const double points = double(r.train.count);
    for (int l = 0; l < r.healthLayers; ++l) {
        LayerHealth &h = r.health[static_cast<std::size_t>(l)];
        if (m_gradientSteps > 0)
            h.gradientNorm = float(std::sqrt(m_gradientSquares[static_cast<std::size_t>(l)] / double(m_gradientSteps)));
        if (l + 1 == m_net.layerCount() || points == 0)
            continue;
        const LayerShape &shape = m_net.layer(l);
        const int *counts = m_unitCounts.data() + m_unitOffsets[static_cast<std::size_t>(l)];
        int flagged = 0;
        if (shape.activation == Activation::ReLU) {
            for (int u = 0; u < shape.units; ++u)
                flagged += counts[u] == 0;
            h.deadShare = float(flagged) / float(shape.units);
        } else if (shape.activation == Activation::Sigmoid || shape.activation == Activation::Tanh) {
            for (int u = 0; u < shape.units; ++u)
                flagged += counts[u] >= 0.95 * points;
            h.saturatedShare = float(flagged) / float(shape.units);
        }
    }
    return r;
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
    TrainerState s = m_state;
    s.parameters.assign(m_net.parameters().begin(), m_net.parameters().end());
    s.buffers.assign(m_net.buffers().begin(), m_net.buffers().end());
    s.optimizer = m_optimizer->state();
    s.rng = m_rng.state();
    s.gradientSquares = m_gradientSquares;
    s.gradientSteps = m_gradientSteps;
    if (!m_config.training.earlyStopping.enabled) {
        s.earlyStopping.bestParameters.clear();
        s.earlyStopping.bestBuffers.clear();
    }
    return s;
}

std::string Trainer::restore(const TrainerState &s)
{
    if (s.parameters.size() != m_net.parameters().size())
        return "the saved weights (" + std::to_string(s.parameters.size()) + " values) do not fit the network ("
               + std::to_string(m_net.parameters().size()) + " parameters)";
    if (s.buffers.size() != m_net.buffers().size())
        return "the saved batch-norm statistics do not fit the network";
    const std::size_t n = static_cast<std::size_t>(m_xTrain.cols());
    if (s.order.size() != n)
        return "the saved training order has " + std::to_string(s.order.size()) + " entries for "
               + std::to_string(n) + " training points";
    std::vector<bool> seen(n, false);
    for (int i : s.order) {
        if (i < 0 || static_cast<std::size_t>(i) >= n || seen[static_cast<std::size_t>(i)])
            return "the saved training order is not a permutation of the training points";
        seen[static_cast<std::size_t>(i)] = true;
    }
    if (s.cursor < 0 || static_cast<std::size_t>(s.cursor) > n)
        return "the saved position in the epoch is out of range";
    if (s.epoch < 0 || s.step < 0 || s.samples < 0)
        return "the saved epoch and step counters must not be negative";
    if (s.historyInterval < 1)
        return "the saved history interval must be at least 1";
    if (s.history.size() > kMaxHistoryRows)
        return "the saved history has more than " + std::to_string(kMaxHistoryRows) + " rows";
    if (!s.gradientSquares.empty() && s.gradientSquares.size() != static_cast<std::size_t>(m_net.layerCount()))
        return "the saved gradient norms do not fit the network's layers";
    if (s.gradientSteps < 0)
        return "the saved gradient step count must not be negative";
    const auto &es = s.earlyStopping;
    if (!es.bestParameters.empty() && es.bestParameters.size() != s.parameters.size())
        return "the saved early-stopping weights do not fit the network";
    if (!es.bestBuffers.empty() && es.bestBuffers.size() != s.buffers.size())
        return "the saved early-stopping statistics do not fit the network";
    auto optimizer = makeOptimizer(m_config.training.optimizer, m_net.parameters().size(), m_net.blocks());
    if (!optimizer->setState(s.optimizer))
        return "the saved optimizer state does not belong to " + std::string(optimizerTitle(m_config.training.optimizer.kind))
               + " for this network";

    m_optimizer = std::move(optimizer);
    std::copy(s.parameters.begin(), s.parameters.end(), m_net.parameters().begin());
    std::copy(s.buffers.begin(), s.buffers.end(), m_net.buffers().begin());
    m_rng.setState(s.rng);
    m_state = s;
    m_state.parameters.clear();
    m_state.buffers.clear();
    m_state.optimizer = {};
    m_state.gradientSquares.clear();
    prepareBuffers();
    if (!s.gradientSquares.empty())
        m_gradientSquares = s.gradientSquares;
    m_gradientSteps = s.gradientSteps;
    rememberGoodState();
    return {};
}

}  // namespace np

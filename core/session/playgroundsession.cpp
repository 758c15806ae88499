// A link's experiment as a session, and back: the data, initial weights and training rules
// TensorFlow Playground uses on start-up for a link (its src/playground.ts, dataset.ts, nn.ts).
#include "playgroundlink.h"

#include "../training/trainer.h"

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr PlaygroundDataset kAllDatasets[] = {PlaygroundDataset::Circle,   PlaygroundDataset::Xor,
                                              PlaygroundDataset::Gauss,    PlaygroundDataset::Spiral,
                                              PlaygroundDataset::RegPlane, PlaygroundDataset::RegGauss};

/// Fixed seeds for our own generators, from the link's seed string (FNV-1a, 31 bits).
std::uint64_t seedNumber(const std::string &seed)
{
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : seed) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return (h & 0x7fffffffull) + 1;
}

Generator ourGenerator(PlaygroundDataset dataset)
{
    switch (dataset) {
    case PlaygroundDataset::Circle: return Generator::Circle;
    case PlaygroundDataset::Xor: return Generator::Xor;
    case PlaygroundDataset::Gauss: return Generator::Gaussians;
    case PlaygroundDataset::Spiral: return Generator::Spiral;
    case PlaygroundDataset::RegPlane: return Generator::Plane;
    case PlaygroundDataset::RegGauss: return Generator::MultiGaussian;
    }
    return Generator::Circle;
}

/// Its features in its INPUTS order (cosX and cosY are state keys it never uses as inputs).
std::vector<std::pair<Feature, bool>> playgroundFeatures(const PlaygroundLink &link)
{
    return {{Feature::X1, link.x},        {Feature::X2, link.y},          {Feature::X1Squared, link.xSquared},
            {Feature::X2Squared, link.ySquared}, {Feature::X1X2, link.xTimesY}, {Feature::SinX1, link.sinX},
            {Feature::SinX2, link.sinY}};
}

constexpr double kNoiseToPlane = 5.0 / 100.0;  // its noise percent -> our DataSpec noise (plane units)

}  // namespace

PlaygroundStart playgroundStart(const PlaygroundLink &link)
{
    PlaygroundStart start;
    SeedRandom random(link.seed.value_or(""));
    const PlaygroundDataset dataset = link.regression ? link.regDataset : link.dataset;
    start.examples = playgroundData(dataset, link.noise, random);
    start.trainCount = playgroundTrainCount(static_cast<int>(start.examples.size()), link.percTrainData);

    int previous = 0;
    for (const auto &[feature, on] : playgroundFeatures(link))
        previous += on ? 1 : 0;
    std::vector<int> widths = link.networkShape;
    widths.push_back(1);
    for (int units : widths) {
        PlaygroundStart::Layer layer;
        for (int i = 0; i < units; ++i) {
            std::vector<double> row;
            for (int j = 0; j < previous; ++j) {
                const double w = random.next() - 0.5;  // drawn even with initZero, as it does
                row.push_back(link.initZero ? 0.0 : w);
            }
            layer.W.push_back(std::move(row));
            layer.b.push_back(link.initZero ? 0.0 : 0.1);
        }
        start.layers.push_back(std::move(layer));
        previous = units;
    }
    return start;
}

std::string playgroundSession(const PlaygroundLink &link, Session &session)
{
    const PlaygroundDataset dataset = link.regression ? link.regDataset : link.dataset;
    FeatureSet features;
    for (const auto &[feature, on] : playgroundFeatures(link))
        features.set(feature, on);
    if (features.count() == 0)
        return "The link turns every input feature off; the network needs at least one.";
    Activation activation = Activation::Tanh;
    parsePlaygroundActivation(link.activation, activation);

    const PlaygroundStart start = playgroundStart(link);
    if (start.trainCount < 1)
        return "The link's percTrainData leaves no training points.";

    Config config;
    config.data.generator = ourGenerator(dataset);
    config.data.classes = 2;
    config.data.count = static_cast<int>(start.examples.size());
    config.data.noise = link.noise * kNoiseToPlane;
    config.data.validationFraction =
        std::clamp(1.0 - double(start.trainCount) / double(start.examples.size()), 0.0, 0.9);
    config.data.seed = seedNumber(link.seed.value_or(""));
    config.features = features;
    config.standardize = false;
    config.network.hidden.clear();
    for (int units : link.networkShape) {
        LayerSpec layer;
        layer.units = units;
        layer.activation = activation;
        config.network.hidden.push_back(layer);
    }
    config.network.head = link.regression ? OutputHead::Linear : OutputHead::Tanh;
    config.network.loss = Loss::Squared;
    config.init.scheme = link.initZero ? InitScheme::Zero : InitScheme::SmallUniform;
    config.init.scale = 0.5;
    config.init.bias = link.initZero ? 0.0 : 0.1;
    config.init.seed = config.data.seed;
    TrainingSpec &t = config.training;
    t.algorithm = Algorithm::GradientDescent;
    t.optimizer = OptimizerSpec{};
    t.optimizer.kind = OptimizerKind::SGD;
    t.optimizer.learningRate = link.learningRate;
    t.schedule = ScheduleSpec{};
    t.batchSize = static_cast<int>(link.batchSize);
    t.shuffle = false;
    t.penalty = Penalty{};
    if (link.regularization == "L1")
        t.penalty.l1 = link.regularizationRate;
    else if (link.regularization == "L2")
        t.penalty.l2 = link.regularizationRate;
    t.l1StopsAtZero = link.regularization == "L1";
    t.carryPartialBatch = true;
    t.earlyStopping = EarlyStoppingSpec{};
    t.seed = config.data.seed;

    Dataset data = playgroundDataset(start.examples, link.regression, start.trainCount);
    Trainer trainer;
    if (std::string error = trainer.reset(config, data); !error.empty())
        return "The link's settings do not fit: " + error;
    Network<Scalar> &net = trainer.network();
    for (int l = 0; l < net.layerCount(); ++l) {
        const PlaygroundStart::Layer &layer = start.layers[static_cast<std::size_t>(l)];
        MatrixMap<Scalar> W = net.W(l);  // units x inputs
        VectorMap<Scalar> b = net.b(l);
        for (Index i = 0; i < W.rows(); ++i) {
            for (Index j = 0; j < W.cols(); ++j)
                W(i, j) = Scalar(layer.W[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
            b(i) = Scalar(layer.b[static_cast<std::size_t>(i)]);
        }
    }
    trainer.parametersEdited();
    trainer.recordStartAgain();

    session.config = config;
    session.dataset = std::move(data);
    session.state = trainer.state();
    session.sourceLink = formatPlaygroundLink(link);
    return {};
}

Lesson playgroundLesson(const PlaygroundLink &link, const Session &session)
{
    Lesson lesson;
    lesson.title = "TensorFlow Playground link";
    lesson.text = "<p>The experiment of a TensorFlow Playground link: the same points, the same initial "
                  "weights, trained by its rules.</p><p>"
                  + playgroundLockNote(link) + "</p>";
    lesson.views = {LessonView::Boundary, LessonView::Loss};
    LessonVariant variant;
    variant.session = session;
    variant.locked = playgroundLocks(link);
    lesson.variants.push_back(std::move(variant));
    return lesson;
}

std::string playgroundLinkFromSession(const Session &session, PlaygroundLink &out)
{
    const Config &c = session.config;
    const Dataset &d = session.dataset;
    PlaygroundLink link;
    const bool imported = !session.sourceLink.empty() && parsePlaygroundLink(session.sourceLink, link).empty();

    // The data: TF Playground can only generate its own from a seed.
    if (d.isClassification() && d.classCount != 2)
        return "The data has " + std::to_string(d.classCount) + " classes; TensorFlow Playground has two.";
    link.regression = !d.isClassification();
    if (imported) {
        const PlaygroundStart start = playgroundStart(link);
        if (d != playgroundDataset(start.examples, link.regression, start.trainCount))
            return "The data: its points were changed after the link was opened; TensorFlow Playground can only "
                   "make its own points from the link's seed.";
    } else {
        PlaygroundDataset dataset = PlaygroundDataset::Circle;
        bool found = false;
        for (PlaygroundDataset candidate : kAllDatasets)
            if (ourGenerator(candidate) == c.data.generator) {
                dataset = candidate;
                found = true;
            }
        if (!found || (c.data.generator != Generator::Plane && c.data.generator != Generator::MultiGaussian
                       && c.data.classes != 2))
            return std::string("The dataset '") + generatorInfo(c.data.generator).title
                   + "': TensorFlow Playground has only circle, XOR, two Gaussians and spiral (two classes) "
                     "and the regression plane and Gaussians.";
        if (d != generateDataset(c.data))
            return "The data: the points were drawn or edited; TensorFlow Playground can only generate its own.";
        (link.regression ? link.regDataset : link.dataset) = dataset;
        const double noise = std::round(c.data.noise / kNoiseToPlane / 5.0) * 5.0;
        if (noise > 50)
            return "The noise: " + javaScriptNumber(c.data.noise) + " is more than TensorFlow Playground's 50%.";
        link.noise = noise;
        link.percTrainData = std::round((1.0 - c.data.validationFraction) * 10.0) * 10.0;
        link.seed = std::to_string(c.data.seed);
    }

    // The network.
    if (c.standardize)
        return "Standardised inputs: TensorFlow Playground feeds the raw features.";
    for (int f = 0; f < kFeatureCount; ++f) {
        const auto feature = static_cast<Feature>(f);
        if (c.features.has(feature) && (feature == Feature::Radius || feature == Feature::Angle))
            return std::string("The feature ") + featureName(feature) + ": TensorFlow Playground has x1, x2, x1², "
                   "x2², x1·x2, sin x1 and sin x2 only.";
    }
    link.x = c.features.has(Feature::X1);
    link.y = c.features.has(Feature::X2);
    link.xSquared = c.features.has(Feature::X1Squared);
    link.ySquared = c.features.has(Feature::X2Squared);
    link.xTimesY = c.features.has(Feature::X1X2);
    link.sinX = c.features.has(Feature::SinX1);
    link.sinY = c.features.has(Feature::SinX2);
    if (c.network.hidden.size() > 6)
        return "The network has " + std::to_string(c.network.hidden.size())
               + " hidden layers; TensorFlow Playground has at most 6.";
    link.networkShape.clear();
    for (std::size_t i = 0; i < c.network.hidden.size(); ++i) {
        const LayerSpec &layer = c.network.hidden[i];
        const std::string which = "Hidden layer " + std::to_string(i + 1);
        if (layer.units > 8)
            return which + " has " + std::to_string(layer.units) + " units; TensorFlow Playground has at most 8.";
        if (layer.batchNorm || layer.dropout > 0)
            return which + " uses batch normalisation or dropout; TensorFlow Playground has neither.";
        const Activation a = layer.activation;
        if (a != Activation::ReLU && a != Activation::Tanh && a != Activation::Sigmoid && a != Activation::Linear)
            return which + std::string(" uses ") + activationInfo(a).title
                   + "; TensorFlow Playground has ReLU, tanh, sigmoid and linear.";
        if (i > 0 && a != c.network.hidden[0].activation)
            return which + " has another activation than layer 1; TensorFlow Playground uses one for all.";
        link.networkShape.push_back(layer.units);
    }
    if (!c.network.hidden.empty()) {
        switch (c.network.hidden[0].activation) {
        case Activation::ReLU: link.activation = "relu"; break;
        case Activation::Sigmoid: link.activation = "sigmoid"; break;
        case Activation::Linear: link.activation = "linear"; break;
        default: link.activation = "tanh"; break;
        }
    }
    const OutputHead head = link.regression ? OutputHead::Linear : OutputHead::Tanh;
    if (c.network.head != head || c.network.loss != Loss::Squared)
        return std::string("The output: ") + headTitle(c.network.head) + " with " + lossTitle(c.network.loss)
               + "; TensorFlow Playground uses " + (link.regression ? "a linear output" : "a tanh output")
               + " with squared error.";
    if (c.init.scheme == InitScheme::Zero && c.init.bias == 0.0)
        link.initZero = true;
    else if (c.init.scheme == InitScheme::SmallUniform && c.init.scale == 0.5 && c.init.bias == 0.1)
        link.initZero = false;
    else
        return std::string("The initialisation: ") + initTitle(c.init.scheme)
               + "; TensorFlow Playground draws U(-0.5, 0.5) with biases 0.1, or all zeros.";

    // Training.
    const TrainingSpec &t = c.training;
    if (t.algorithm != Algorithm::GradientDescent)
        return "The training algorithm: TensorFlow Playground trains by gradient descent only.";
    if (t.optimizer.kind != OptimizerKind::SGD)
        return std::string("The optimizer ") + optimizerTitle(t.optimizer.kind)
               + ": TensorFlow Playground uses plain SGD.";
    if (t.schedule.kind != ScheduleKind::Constant)
        return "The learning-rate schedule: TensorFlow Playground keeps the rate constant.";
    if (t.batchSize < 1)
        return "Full-batch training: TensorFlow Playground needs a batch size.";
    if (t.shuffle)
        return "Shuffling every epoch: TensorFlow Playground keeps the points in a fixed order.";
    if (t.penalty.l1 != 0 && t.penalty.l2 != 0)
        return "L1 and L2 together: TensorFlow Playground has one regularisation at a time.";
    if (t.penalty.l1 != 0 && !t.l1StopsAtZero)
        return "L1 without its zero rule: TensorFlow Playground sets a weight that crosses zero to 0.";
    if (t.earlyStopping.enabled)
        return "Early stopping: TensorFlow Playground has none.";
    link.learningRate = t.optimizer.learningRate;
    link.batchSize = t.batchSize;
    if (t.penalty.l1 != 0) {
        link.regularization = "L1";
        link.regularizationRate = t.penalty.l1;
    } else if (t.penalty.l2 != 0) {
        link.regularization = "L2";
        link.regularizationRate = t.penalty.l2;
    } else {
        // Its "none" leaves the rate as it was.
        link.regularization.reset();
    }
    out = std::move(link);
    return {};
}

}  // namespace np

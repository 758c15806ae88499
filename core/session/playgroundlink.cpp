#include "playgroundlink.h"

#include "../training/trainer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>

namespace np {

namespace {

struct DatasetName
{
    PlaygroundDataset dataset;
    const char *key;
};
constexpr DatasetName kDatasets[] = {
    {PlaygroundDataset::Circle, "circle"},     {PlaygroundDataset::Xor, "xor"},
    {PlaygroundDataset::Gauss, "gauss"},       {PlaygroundDataset::Spiral, "spiral"},
    {PlaygroundDataset::RegPlane, "reg-plane"}, {PlaygroundDataset::RegGauss, "reg-gauss"},
};

const char *datasetKey(PlaygroundDataset dataset)
{
    for (const DatasetName &d : kDatasets)
        if (d.dataset == dataset)
            return d.key;
    return "circle";
}

/// Its HIDABLE_CONTROLS (playground.ts), with the controls here that do the same job.
struct Hidable
{
    const char *name;
    const char *title;
    std::vector<std::string> locks;  ///< objectName patterns; empty: no such control here
};
const std::vector<Hidable> &hidables()
{
    static const std::vector<Hidable> table = {
        {"showTestData", "Show test data", {}},
        {"discretize", "Discretize output", {}},
        {"playButton", "Play button", {}},
        {"stepButton", "Step button", {}},
        {"resetButton", "Reset button", {}},
        {"learningRate", "Learning rate", {"learningRate"}},
        {"activation", "Activation", {"layer*.activation"}},
        {"regularization", "Regularization", {"l1", "l2"}},
        {"regularizationRate", "Regularization rate", {"l1", "l2"}},
        {"problem", "Problem type", {"generator"}},
        {"dataset", "Which dataset", {"generator"}},
        {"percTrainData", "Ratio train data", {"validation"}},
        {"noise", "Noise level", {"noise"}},
        {"batchSize", "Batch size", {"batchSize", "fullBatch"}},
        {"numHiddenLayers", "# of hidden layers", {"addLayer", "noHiddenLayers", "layer*.remove"}},
    };
    return table;
}

std::string trim(std::string_view s)
{
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos)
        return {};
    const auto end = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(begin, end - begin + 1));
}

bool parseNumber(const std::string &text, double &out)
{
    const std::string t = trim(text);
    if (t.empty())
        return false;
    char *end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(v))
        return false;
    out = v;
    return true;
}

bool isInteger(double v)
{
    return v == std::floor(v);
}

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

bool playgroundActivation(const std::string &key, Activation &activation)
{
    if (key == "relu")
        activation = Activation::ReLU;
    else if (key == "tanh")
        activation = Activation::Tanh;
    else if (key == "sigmoid")
        activation = Activation::Sigmoid;
    else if (key == "linear")
        activation = Activation::Linear;
    else
        return false;
    return true;
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

std::string javaScriptNumber(double value)
{
    if (value == 0)
        return "0";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::abs(value), std::chars_format::scientific);
    const std::string text(buffer, result.ptr);
    const auto e = text.find('e');
    std::string digits;
    for (char c : text.substr(0, e))
        if (c != '.')
            digits += c;
    const int k = static_cast<int>(digits.size());
    const int n = std::atoi(text.c_str() + e + 1) + 1;  // value = 0.digits * 10^n
    std::string out = value < 0 ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits + std::string(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    } else {
        out += digits.substr(0, 1);
        if (k > 1)
            out += "." + digits.substr(1);
        out += (n - 1 < 0 ? "e-" : "e+") + std::to_string(std::abs(n - 1));
    }
    return out;
}

bool looksLikePlaygroundLink(std::string_view text)
{
    const std::string t = trim(text);
    return t.find("playground.tensorflow.org") != std::string::npos
           || (t.rfind('#', 0) == 0 && t.find("seed=") != std::string::npos);
}

std::string parsePlaygroundLink(std::string_view url, PlaygroundLink &out)
{
    const std::string text = trim(url);
    std::string hash;
    if (const auto at = text.find('#'); at != std::string::npos)
        hash = text.substr(at + 1);
    else if (text.find('=') != std::string::npos && text.find("://") == std::string::npos)
        hash = text;
    else
        return "This is not a TensorFlow Playground link: its settings follow a '#', and there is none.";

    PlaygroundLink link;
    bool seeded = false;
    std::size_t begin = 0;
    while (begin <= hash.size()) {
        std::size_t end = hash.find('&', begin);
        if (end == std::string::npos)
            end = hash.size();
        const std::string part = hash.substr(begin, end - begin);
        begin = end + 1;
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        const std::string name = part.substr(0, eq);
        if (eq == std::string::npos)
            return "The link's key '" + name + "' has no value.";
        const std::string value = part.substr(eq + 1);
        const bool blank = trim(value).empty();
        const auto bad = [&](const std::string &expected) {
            return "The link's " + name + "=" + value + " is not understood: expected " + expected + ".";
        };

        // `_hide` keys: one per control TF Playground can hide.
        const std::string suffix = "_hide";
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            const std::string control = name.substr(0, name.size() - suffix.size());
            const auto &table = hidables();
            if (std::none_of(table.begin(), table.end(), [&](const Hidable &h) { return control == h.name; }))
                return "The link's key '" + name + "' names no control TensorFlow Playground can hide.";
            if (value != "true" && value != "false")
                return bad("true or false");
            auto found = std::find_if(link.hidden.begin(), link.hidden.end(),
                                      [&](const auto &h) { return h.first == control; });
            if (found != link.hidden.end())
                found->second = value == "true";
            else
                link.hidden.emplace_back(control, value == "true");
            continue;
        }

        bool *flag = nullptr;
        if (name == "showTestData") flag = &link.showTestData;
        else if (name == "discretize") flag = &link.discretize;
        else if (name == "x") flag = &link.x;
        else if (name == "y") flag = &link.y;
        else if (name == "xTimesY") flag = &link.xTimesY;
        else if (name == "xSquared") flag = &link.xSquared;
        else if (name == "ySquared") flag = &link.ySquared;
        else if (name == "cosX") flag = &link.cosX;
        else if (name == "sinX") flag = &link.sinX;
        else if (name == "cosY") flag = &link.cosY;
        else if (name == "sinY") flag = &link.sinY;
        else if (name == "collectStats") flag = &link.collectStats;
        else if (name == "initZero") flag = &link.initZero;
        else if (name == "hideText") flag = &link.hideText;
        if (flag) {
            if (blank)
                continue;
            if (value != "true" && value != "false")
                return bad("true or false");
            *flag = value == "true";
            continue;
        }

        double number = 0;
        if (name == "batchSize" || name == "learningRate" || name == "regularizationRate" || name == "noise"
            || name == "percTrainData") {
            if (blank)
                continue;
            if (!parseNumber(value, number))
                return bad("a number");
            if (name == "batchSize") {
                if (!isInteger(number) || number < 1 || number > 100000)
                    return bad("a whole number of points from 1");
                link.batchSize = number;
            } else if (name == "learningRate") {
                if (number <= 0 || number > 1000)
                    return bad("a learning rate above 0 and at most 1000");
                link.learningRate = number;
            } else if (name == "regularizationRate") {
                if (number < 0 || number > 100)
                    return bad("a rate from 0 to 100");
                link.regularizationRate = number;
            } else if (name == "noise") {
                if (number < 0 || number > 100)
                    return bad("a noise level from 0 to 100 (percent)");
                link.noise = number;
            } else {
                if (number <= 0 || number > 100)
                    return bad("a share of training points above 0 and at most 100 (percent)");
                link.percTrainData = number;
            }
            continue;
        }

        if (name == "networkShape") {
            std::vector<int> shape;
            const std::string list = trim(value);
            std::size_t from = 0;
            while (!list.empty() && from <= list.size()) {
                std::size_t comma = list.find(',', from);
                if (comma == std::string::npos)
                    comma = list.size();
                if (!parseNumber(list.substr(from, comma - from), number) || !isInteger(number) || number < 1
                    || number > 64)
                    return bad("comma-separated layer widths from 1 to 64");
                shape.push_back(static_cast<int>(number));
                from = comma + 1;
            }
            if (shape.size() > 32)
                return bad("at most 32 hidden layers");
            link.networkShape = shape;
            continue;
        }
        if (name == "activation") {
            Activation a;
            if (blank)
                continue;
            if (!playgroundActivation(value, a))
                return bad("relu, tanh, sigmoid or linear");
            link.activation = value;
            continue;
        }
        if (name == "regularization") {
            if (blank)
                continue;
            if (value == "none")
                link.regularization.reset();
            else if (value == "L1" || value == "L2")
                link.regularization = value;
            else
                return bad("none, L1 or L2");
            continue;
        }
        if (name == "dataset" || name == "regDataset") {
            if (blank)
                continue;
            const bool regression = name == "regDataset";
            const auto found = std::find_if(std::begin(kDatasets), std::end(kDatasets), [&](const DatasetName &d) {
                return value == d.key && isPlaygroundRegression(d.dataset) == regression;
            });
            if (found == std::end(kDatasets))
                return bad(regression ? "reg-plane or reg-gauss" : "circle, xor, gauss or spiral");
            (regression ? link.regDataset : link.dataset) = found->dataset;
            continue;
        }
        if (name == "problem") {
            if (blank)
                continue;
            if (value != "classification" && value != "regression")
                return bad("classification or regression");
            link.regression = value == "regression";
            continue;
        }
        if (name == "seed") {
            if (blank)
                continue;
            link.seed = value;
            seeded = true;
            continue;
        }
        if (name == "tutorial") {
            if (!blank)
                link.tutorial = value;
            continue;
        }
        return "The link's key '" + name + "' is not a TensorFlow Playground setting.";
    }
    if (!seeded)
        return "The link has no seed: TensorFlow Playground would pick a random one, so its data cannot be "
               "reproduced. Copy the link again after the page has loaded (it then ends in seed=...).";
    out = std::move(link);
    return {};
}

std::string formatPlaygroundLink(const PlaygroundLink &link)
{
    std::vector<std::string> parts;
    const auto add = [&](const char *name, const std::string &value) { parts.push_back(std::string(name) + "=" + value); };
    const auto flag = [&](const char *name, bool value) { add(name, value ? "true" : "false"); };
    add("activation", link.activation);
    if (link.regularization)
        add("regularization", *link.regularization);
    add("batchSize", javaScriptNumber(link.batchSize));
    add("dataset", datasetKey(link.dataset));
    add("regDataset", datasetKey(link.regDataset));
    add("learningRate", javaScriptNumber(link.learningRate));
    add("regularizationRate", javaScriptNumber(link.regularizationRate));
    add("noise", javaScriptNumber(link.noise));
    std::string shape;
    for (std::size_t i = 0; i < link.networkShape.size(); ++i)
        shape += (i ? "," : "") + std::to_string(link.networkShape[i]);
    add("networkShape", shape);
    if (link.seed)
        add("seed", *link.seed);
    flag("showTestData", link.showTestData);
    flag("discretize", link.discretize);
    add("percTrainData", javaScriptNumber(link.percTrainData));
    flag("x", link.x);
    flag("y", link.y);
    flag("xTimesY", link.xTimesY);
    flag("xSquared", link.xSquared);
    flag("ySquared", link.ySquared);
    flag("cosX", link.cosX);
    flag("sinX", link.sinX);
    flag("cosY", link.cosY);
    flag("sinY", link.sinY);
    flag("collectStats", link.collectStats);
    if (link.tutorial)
        add("tutorial", *link.tutorial);
    add("problem", link.regression ? "regression" : "classification");
    flag("initZero", link.initZero);
    flag("hideText", link.hideText);
    for (const auto &[control, hidden] : link.hidden)
        flag((control + "_hide").c_str(), hidden);
    std::string out = std::string(kPlaygroundSite) + "#";
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? "&" : "") + parts[i];
    return out;
}

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
    playgroundActivation(link.activation, activation);

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

std::vector<std::string> playgroundLocks(const PlaygroundLink &link)
{
    std::vector<std::string> locks;
    for (const auto &[control, hidden] : link.hidden) {
        if (!hidden)
            continue;
        for (const Hidable &h : hidables())
            if (control == h.name)
                for (const std::string &lock : h.locks)
                    if (std::find(locks.begin(), locks.end(), lock) == locks.end())
                        locks.push_back(lock);
    }
    return locks;
}

std::string playgroundLockNote(const PlaygroundLink &link)
{
    std::vector<std::string> locked, absent;
    for (const auto &[control, hidden] : link.hidden) {
        if (!hidden)
            continue;
        for (const Hidable &h : hidables())
            if (control == h.name)
                (h.locks.empty() ? absent : locked).push_back(h.title);
    }
    if (locked.empty() && absent.empty())
        return {};
    const auto join = [](const std::vector<std::string> &names) {
        std::string s;
        for (std::size_t i = 0; i < names.size(); ++i)
            s += (i ? ", " : "") + names[i];
        return s;
    };
    std::string note = "The TensorFlow Playground link hides some controls";
    if (!locked.empty())
        note += "; they stay visible here but are locked: " + join(locked);
    note += ".";
    if (!absent.empty())
        note += " Hidden there, with no locked counterpart here: " + join(absent) + ".";
    return note;
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
        for (const DatasetName &n : kDatasets)
            if (ourGenerator(n.dataset) == c.data.generator) {
                dataset = n.dataset;
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

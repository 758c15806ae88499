#include "playgroundlink.h"


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

}  // namespace

const char *playgroundDatasetKey(PlaygroundDataset dataset)
{
    for (const DatasetName &d : kDatasets)
        if (d.dataset == dataset)
            return d.key;
    return "circle";
}

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
            if (!parsePlaygroundActivation(value, a))
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
    add("dataset", playgroundDatasetKey(link.dataset));
    add("regDataset", playgroundDatasetKey(link.regDataset));
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

bool parsePlaygroundActivation(const std::string &key, Activation &activation)
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

}  // namespace np

#pragma once

#include "../data/playgrounddata.h"
#include "lesson.h"
#include "session.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace np {

/// Every key of TensorFlow Playground's state (its src/state.ts), as its link writes them.
/// Defaults are its defaults; optional fields are the keys it leaves out when null.
struct PlaygroundLink
{
    std::string activation = "tanh";             ///< relu, tanh, sigmoid, linear
    std::optional<std::string> regularization;   ///< L1, L2; none = absent
    double batchSize = 10;
    PlaygroundDataset dataset = PlaygroundDataset::Circle;
    PlaygroundDataset regDataset = PlaygroundDataset::RegPlane;
    double learningRate = 0.03;
    double regularizationRate = 0;
    double noise = 0;                            ///< percent, 0..50
    std::vector<int> networkShape{4, 2};
    std::optional<std::string> seed;             ///< a string: Math.seedrandom(seed)
    bool showTestData = false;
    bool discretize = false;
    double percTrainData = 50;
    bool x = true, y = true, xTimesY = false, xSquared = false, ySquared = false;
    bool cosX = false, sinX = false, cosY = false, sinY = false;
    bool collectStats = false;
    std::optional<std::string> tutorial;
    bool regression = false;                     ///< problem=regression
    bool initZero = false;
    bool hideText = false;
    /// The `<control>_hide` keys in the link's order: control name and whether it is hidden.
    std::vector<std::pair<std::string, bool>> hidden;

    bool operator==(const PlaygroundLink &) const = default;
};

/// The site the links point to.
inline constexpr const char *kPlaygroundSite = "https://playground.tensorflow.org/";

/// Reads a link (a whole URL, or just its "#..." part). Empty on success, otherwise a sentence
/// naming the key or value that is not understood; `link` is then unchanged.
std::string parsePlaygroundLink(std::string_view url, PlaygroundLink &link);
/// True when the text looks like a TF Playground link (for paste and drop).
bool looksLikePlaygroundLink(std::string_view text);

/// The link as TF Playground writes it (its State.serialize order, numbers as JavaScript prints them).
std::string formatPlaygroundLink(const PlaygroundLink &link);

/// The start of a link's experiment exactly as TF Playground builds it: its examples (shuffled,
/// train first), the training count, and every layer's initial W (rows = units, in input
/// order) and b, in double precision.
struct PlaygroundStart
{
    std::vector<PlaygroundExample> examples;
    int trainCount = 0;
    struct Layer
    {
        std::vector<std::vector<double>> W;
        std::vector<double> b;
    };
    std::vector<Layer> layers;
};
/// The link must have been parsed successfully (it has a seed).
PlaygroundStart playgroundStart(const PlaygroundLink &link);

/// The session for a link: its data, the settings that train by its rules (tanh output and
/// squared error, or linear output; SGD; its batch size averaged; fixed order; its L1 rule),
/// and its initial weights in a trainer state at epoch 0. Remembers the link.
/// Empty error on success.
std::string playgroundSession(const PlaygroundLink &link, Session &session);

/// The controls its `_hide` keys hide, as lesson lock patterns (objectNames), and the note that
/// says why; empty when nothing is hidden.
std::vector<std::string> playgroundLocks(const PlaygroundLink &link);
std::string playgroundLockNote(const PlaygroundLink &link);
/// A one-variant lesson that starts the session with those locks and the note.
Lesson playgroundLesson(const PlaygroundLink &link, const Session &session);

/// The link for a session when TF Playground can express it; otherwise an error naming the
/// first setting that prevents it. A session imported from a link keeps that link's seed,
/// data and display keys; changed training settings are written over them.
std::string playgroundLinkFromSession(const Session &session, PlaygroundLink &link);

/// Its activation names (relu, tanh, sigmoid, linear) and dataset keys ("circle", "reg-plane").
bool parsePlaygroundActivation(const std::string &key, Activation &activation);
const char *playgroundDatasetKey(PlaygroundDataset dataset);

/// JavaScript's Number.prototype.toString for a double ("0.03", "1e-7", "10").
std::string javaScriptNumber(double value);

}  // namespace np

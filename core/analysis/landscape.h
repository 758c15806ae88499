#pragma once

#include "../common/rng.h"
#include "../data/dataset.h"
#include "../network/model.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace np {

/// The training points as the network sees them (features, standardisation, encoded targets).
struct LandscapeData
{
    Task task = Task::Classification;
    Matrix<Scalar> x;  ///< inputs x N
    Matrix<Scalar> y;  ///< outputs x N
    std::vector<int> labels;
};

/// The model's training points, exactly as the trainer builds them.
LandscapeData landscapeData(const Model &model, const Dataset &dataset);

/// The training loss (mean data loss, no penalty, evaluation mode) of net on the points: the
/// number the loss curve shows for the training set.
double trainingLoss(Network<Scalar> &net, const LandscapeData &data);

/// How the two directions of the slice are chosen.
enum class LandscapeDirections {
    Random,      ///< filter-normalised Gaussian directions (Li et al., 2018)
    Trajectory,  ///< the top two principal directions of the weights the run passed through
};

/// A plane through parameter space: theta(alpha, beta) = origin + alpha d1 + beta d2.
struct LandscapePlane
{
    std::vector<double> origin, d1, d2;  ///< Network::parameters() layout
    std::array<double, 2> explained{};   ///< Trajectory: each direction's share of the variance
    std::string error;                   ///< non-empty: no plane (the reason)
};

/// A random direction normalised filter by filter (Li et al., 2018): for every unit, the row of W
/// it reads through is drawn from N(0, I) and scaled to the norm of that row of the network's W
/// (for maxout, each piece's row). Biases and batch norm's gamma and beta get 0, so the slice
/// moves only the weights (as in Li et al.'s experiments, which ignore biases and batch norm).
std::vector<double> filterNormalizedDirection(const Network<Scalar> &net, Rng &rng);

/// The plane through the model's weights along two filter-normalised random directions drawn from seed.
LandscapePlane randomPlane(const Model &model, std::uint64_t seed);

/// The plane through the last of `trajectory` (the current weights) along the top two principal
/// directions of theta_i - theta_last (Li et al.'s PCA, without centring on the mean): unit
/// length and orthogonal. Needs at least three entries that differ.
LandscapePlane trajectoryPlane(const std::vector<std::vector<Scalar>> &trajectory);

/// Where each weight vector lies on the plane: the least-squares (alpha, beta) of theta - origin.
std::vector<std::array<double, 2>> projectOnPlane(const LandscapePlane &plane,
                                                  const std::vector<std::vector<Scalar>> &points);

/// The grid of a landscape: resolution x resolution points, alpha and beta from -span to span
/// inclusive (an odd resolution puts a point exactly on the origin).
struct LandscapeGrid
{
    int resolution = 31;
    double alphaSpan = 1.0;
    double betaSpan = 1.0;

    double alpha(int column) const;
    double beta(int row) const;  ///< row 0 is beta = -span
};

/// The training loss over a plane.
struct Landscape
{
    LandscapeGrid grid;
    std::vector<double> loss;  ///< resolution x resolution, row-major, row = beta index
    int rowsDone = 0;          ///< rows computed (all of them unless cancelled)
    bool cancelled = false;

    double at(int row, int column) const { return loss[std::size_t(row) * std::size_t(grid.resolution) + std::size_t(column)]; }
    bool isComplete() const { return !cancelled && rowsDone == grid.resolution; }
};

/// Evaluates the training loss at every grid point of the plane, row by row, on a copy of the
/// model's weights. After each row it calls rowDone(rowsDone); returning false stops (cancelled).
Landscape computeLandscape(const Model &model, const LandscapeData &data, const LandscapePlane &plane,
                           const LandscapeGrid &grid, const std::function<bool(int rowsDone)> &rowDone = {});

/// What a landscape view asks for: the weights, their data, the run so far, and the slice.
struct LandscapeRequest
{
    Model model;                                   ///< the current weights (the plane's origin)
    Dataset dataset;
    std::vector<std::vector<Scalar>> trajectory;   ///< the run's weights so far, oldest first
    LandscapeDirections directions = LandscapeDirections::Random;
    int resolution = 31;
    /// Random: alpha and beta run over [-span, span] (a filter-normalised direction moves every
    /// row of W by its own norm at alpha = 1). Trajectory: alpha over span times 1.2 times the
    /// largest |alpha| the projected run reaches, beta likewise (but at least a quarter of alpha's
    /// range, since a run often moves along one direction only), so at span 1 the whole path is
    /// on the map with a margin.
    double span = 1.0;
    std::uint64_t seed = 1;
};

/// A computed landscape with everything drawn on it.
struct LandscapeResult
{
    LandscapeDirections directions = LandscapeDirections::Random;
    LandscapePlane plane;
    Landscape landscape;
    std::vector<std::array<double, 2>> trajectory;  ///< the run projected on the plane, oldest first
    double originLoss = 0;                          ///< the loss at the current weights (alpha = beta = 0)
    std::string error;                              ///< non-empty: nothing computed (the reason)
};

/// The plane, the projected run and the landscape for a request, on the calling thread;
/// rowDone as for computeLandscape.
LandscapeResult runLandscape(const LandscapeRequest &request, const std::function<bool(int rowsDone)> &rowDone = {});

}  // namespace np

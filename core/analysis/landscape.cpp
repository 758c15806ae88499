#include "landscape.h"
#include "prediction.h"

#include "../training/evaluation.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace np {

LandscapeData landscapeData(const Model &model, const Dataset &dataset)
{
    LandscapeData data;
    data.task = dataset.task;
    Index n = 0;
    for (const DataPoint &p : dataset.points)
        n += p.validation ? 0 : 1;
    Matrix<double> xy(2, n);  // 2 x N raw training points
    data.y.resize(model.outputs, n);
    data.labels.reserve(std::size_t(n));
    Index i = 0;
    for (const DataPoint &p : dataset.points) {
        if (p.validation)
            continue;
        xy(0, i) = p.x1;
        xy(1, i) = p.x2;
        encodeTarget<Scalar>(model.network.head, dataset.task, model.outputs, p.label, p.target, &data.y(0, i));
        data.labels.push_back(p.label);
        ++i;
    }
    data.x = modelInputs(model, xy);  // the trainer's buildData: features and standardisation in double
    return data;
}

double trainingLoss(Network<Scalar> &net, const LandscapeData &data)
{
    return evaluateMetrics(net, data.task, data.x, data.y, data.labels).loss;
}

std::vector<double> filterNormalizedDirection(const Network<Scalar> &net, Rng &rng)
{
    std::vector<double> d(net.parameters().size(), 0.0);
    for (int l = 0; l < net.layerCount(); ++l) {
        const LayerShape &shape = net.layer(l);
        const auto W = net.W(l);  // rows x in
        MatrixMap<double> dW(d.data() + shape.weight, shape.rows, shape.in);
        for (Index r = 0; r < shape.rows; ++r) {
            for (Index c = 0; c < shape.in; ++c)
                dW(r, c) = rng.normal();
            const double drawn = dW.row(r).norm();
            const double target = W.row(r).cast<double>().norm();
            dW.row(r) *= drawn > 0 ? target / drawn : 0.0;
        }
    }
    return d;
}

LandscapePlane randomPlane(const Model &model, std::uint64_t seed)
{
    LandscapePlane plane;
    if (model.parameters.empty()) {
        plane.error = "There is no network yet.";
        return plane;
    }
    const Network<Scalar> net = model.instantiate();
    Rng rng(seed);
    plane.origin.assign(model.parameters.begin(), model.parameters.end());
    plane.d1 = filterNormalizedDirection(net, rng);
    plane.d2 = filterNormalizedDirection(net, rng);
    return plane;
}

LandscapePlane trajectoryPlane(const std::vector<std::vector<Scalar>> &trajectory)
{
    LandscapePlane plane;
    if (trajectory.size() < 3) {
        plane.error = "Train a little first: the principal directions need at least three recorded weight vectors.";
        return plane;
    }
    const std::vector<Scalar> &last = trajectory.back();
    const Index p = Index(last.size());
    const Index t = Index(trajectory.size()) - 1;
    Matrix<double> M(p, t);  // parameters x snapshots: theta_i - theta_last
    for (Index i = 0; i < t; ++i) {
        const std::vector<Scalar> &theta = trajectory[std::size_t(i)];
        for (Index k = 0; k < p; ++k)
            M(k, i) = double(theta[std::size_t(k)]) - double(last[std::size_t(k)]);
    }
    // The principal directions are M's left singular vectors: from the small t x t Gram matrix,
    // u = M v / sqrt(lambda), since a network has far more parameters than the record has entries.
    const Matrix<double> G = M.transpose() * M;  // t x t
    Eigen::SelfAdjointEigenSolver<Matrix<double>> eigen(G);
    const Vector<double> &lambda = eigen.eigenvalues();  // ascending
    const double total = lambda.cwiseMax(0.0).sum();
    if (t < 2 || !(total > 0) || lambda(t - 2) <= total * 1e-12) {
        plane.error = "The weights have not moved in two directions yet: train a little first.";
        return plane;
    }
    plane.origin.assign(last.begin(), last.end());
    for (int k = 0; k < 2; ++k) {
        const Vector<double> u = M * eigen.eigenvectors().col(t - 1 - k) / std::sqrt(lambda(t - 1 - k));
        (k == 0 ? plane.d1 : plane.d2).assign(u.data(), u.data() + p);
        plane.explained[std::size_t(k)] = lambda(t - 1 - k) / total;
    }
    return plane;
}

std::vector<std::array<double, 2>> projectOnPlane(const LandscapePlane &plane,
                                                  const std::vector<std::vector<Scalar>> &points)
{
    std::vector<std::array<double, 2>> out;
    const std::size_t p = plane.origin.size();
    double a11 = 0, a12 = 0, a22 = 0;
    for (std::size_t k = 0; k < p; ++k) {
        a11 += plane.d1[k] * plane.d1[k];
        a12 += plane.d1[k] * plane.d2[k];
        a22 += plane.d2[k] * plane.d2[k];
    }
    const double det = a11 * a22 - a12 * a12;
    if (!(det > 0))
        return out;
    out.reserve(points.size());
    for (const std::vector<Scalar> &theta : points) {
        if (theta.size() != p)
            continue;
        double r1 = 0, r2 = 0;
        for (std::size_t k = 0; k < p; ++k) {
            const double r = double(theta[k]) - plane.origin[k];
            r1 += plane.d1[k] * r;
            r2 += plane.d2[k] * r;
        }
        out.push_back({(a22 * r1 - a12 * r2) / det, (a11 * r2 - a12 * r1) / det});
    }
    return out;
}

double LandscapeGrid::alpha(int column) const
{
    return resolution < 2 ? 0.0 : -alphaSpan + 2.0 * alphaSpan * column / (resolution - 1);
}

double LandscapeGrid::beta(int row) const
{
    return resolution < 2 ? 0.0 : -betaSpan + 2.0 * betaSpan * row / (resolution - 1);
}

Landscape computeLandscape(const Model &model, const LandscapeData &data, const LandscapePlane &plane,
                           const LandscapeGrid &grid, const std::function<bool(int rowsDone)> &rowDone)
{
    Landscape landscape;
    landscape.grid = grid;
    const int n = std::max(grid.resolution, 1);
    landscape.grid.resolution = n;
    landscape.loss.assign(std::size_t(n) * std::size_t(n), std::numeric_limits<double>::quiet_NaN());
    Network<Scalar> net = model.instantiate();
    const std::span<Scalar> theta = net.parameters();
    if (plane.origin.size() != theta.size() || plane.d1.size() != theta.size() || plane.d2.size() != theta.size()) {
        landscape.cancelled = true;
        return landscape;
    }
    for (int row = 0; row < n; ++row) {
        const double beta = landscape.grid.beta(row);
        for (int column = 0; column < n; ++column) {
            const double alpha = landscape.grid.alpha(column);
            for (std::size_t k = 0; k < theta.size(); ++k)
                theta[k] = Scalar(plane.origin[k] + alpha * plane.d1[k] + beta * plane.d2[k]);
            landscape.loss[std::size_t(row) * std::size_t(n) + std::size_t(column)] = trainingLoss(net, data);
        }
        landscape.rowsDone = row + 1;
        if (rowDone && !rowDone(row + 1) && row + 1 < n) {
            landscape.cancelled = true;
            break;
        }
    }
    return landscape;
}

LandscapeResult runLandscape(const LandscapeRequest &request, const std::function<bool(int rowsDone)> &rowDone)
{
    LandscapeResult result;
    result.directions = request.directions;
    if (request.model.parameters.empty()) {
        result.error = "There is no network yet.";
        return result;
    }
    if (request.dataset.task != request.model.task) {
        result.error = "The data changed task; compute again once the network has caught up.";
        return result;
    }
    const LandscapeData data = landscapeData(request.model, request.dataset);
    if (data.x.cols() == 0) {
        result.error = "There are no training points.";
        return result;
    }
    // The run as recorded, ending at the current weights (the plane's origin).
    std::vector<std::vector<Scalar>> run;
    for (const std::vector<Scalar> &theta : request.trajectory)
        if (theta.size() == request.model.parameters.size())
            run.push_back(theta);
    if (run.empty() || run.back() != request.model.parameters)
        run.push_back(request.model.parameters);

    result.plane = request.directions == LandscapeDirections::Random ? randomPlane(request.model, request.seed)
                                                                      : trajectoryPlane(run);
    if (!result.plane.error.empty()) {
        result.error = result.plane.error;
        return result;
    }
    result.trajectory = projectOnPlane(result.plane, run);
    LandscapeGrid grid;
    grid.resolution = std::clamp(request.resolution, 3, 401);
    const double span = std::max(request.span, 1e-6);
    grid.alphaSpan = grid.betaSpan = span;
    if (request.directions == LandscapeDirections::Trajectory) {
        double alphaReach = 0, betaReach = 0;
        for (const auto &xy : result.trajectory) {
            alphaReach = std::max(alphaReach, std::abs(xy[0]));
            betaReach = std::max(betaReach, std::abs(xy[1]));
        }
        if (alphaReach > 0) {
            grid.alphaSpan = span * 1.2 * alphaReach;
            grid.betaSpan = span * 1.2 * std::max(betaReach, alphaReach / 4);
        }
    }
    result.landscape = computeLandscape(request.model, data, result.plane, grid, rowDone);
    Network<Scalar> net = request.model.instantiate();
    result.originLoss = trainingLoss(net, data);
    return result;
}

}  // namespace np

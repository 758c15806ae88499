#include "viewframe.h"

#include "analysis/prediction.h"
#include "colors.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <functional>

namespace np {

namespace {

// Class probabilities (or pseudo-probabilities from scores) of one output column, written to p.
void classShares(const Model &model, const Scalar *a, double *p)
{
    const int k = model.classCount;
    switch (model.network.head) {
    case OutputHead::Sigmoid:
        p[0] = 1.0 - a[0];
        p[1] = a[0];
        return;
    case OutputHead::Softmax:
        for (int j = 0; j < k; ++j)
            p[j] = a[j];
        return;
    case OutputHead::OneVsRest: {
        double sum = 0;
        for (int j = 0; j < k; ++j)
            sum += a[j];
        for (int j = 0; j < k; ++j)
            p[j] = sum > 0 ? a[j] / sum : 1.0 / k;
        return;
    }
    case OutputHead::Linear:
    case OutputHead::Tanh:
    case OutputHead::Step:
        if (model.outputs == 1) {
            // Scores around 0: map [-1, 1] onto [0, 1].
            const double t = model.network.head == OutputHead::Step ? a[0] : std::clamp((a[0] + 1.0) / 2.0, 0.0, 1.0);
            p[0] = 1.0 - t;
            p[1] = t;
            return;
        }
        double zmax = a[0];
        for (int j = 1; j < k; ++j)
            zmax = std::max<double>(zmax, a[j]);
        double sum = 0;
        for (int j = 0; j < k; ++j)
            sum += p[j] = std::exp(a[j] - zmax);
        for (int j = 0; j < k; ++j)
            p[j] /= sum;
        return;
    }
}

}  // namespace

QRgb boundaryColor(const Model &model, const Scalar *a, const BoundaryStyle &style)
{
    if (model.task == Task::Regression)
        return DivergingScale(style.background)(a[0] / style.regressionRange);
    double p[kMaxClasses];
    classShares(model, a, p);
    const int k = model.classCount;
    int best = 0;
    for (int j = 1; j < k; ++j)
        best = p[j] > p[best] ? j : best;
    if (style.discretize)
        return blend(style.background, classRgb(best), 0.55);
    // Confidence: 0 where every class is equally likely, 1 where one is certain.
    const double confidence = (p[best] - 1.0 / k) / (1.0 - 1.0 / k);
    return blend(style.background, classRgb(best), 0.08 + 0.72 * confidence);
}

QRgb regionColor(std::uint32_t id)
{
    // Golden-angle hue steps keep neighbouring ids apart; soft saturation keeps it readable.
    const int hue = static_cast<int>((id * 137.508) + 20) % 360;
    const int saturation = 90 + static_cast<int>((id * 53) % 70);
    const int value = 215 + static_cast<int>((id * 29) % 40);
    return QColor::fromHsv(hue, saturation, value).rgb();
}

namespace {

// body(worker, index) for index in [0, count): on the pool's threads, or here one after another.
bool forEach(ThreadPool *pool, int count, const std::function<void(int, int)> &body,
             const ThreadPool::Cancel &cancel = {})
{
    if (pool)
        return pool->run(count, body, cancel);
    for (int index = 0; index < count; ++index) {
        if (cancel && cancel())
            return false;
        body(0, index);
    }
    return true;
}

double millisecondsSince(const QElapsedTimer &clock)
{
    return clock.nsecsElapsed() * 1e-6;
}

// The value that maps to full colour for a layer's activations.
float activationScale(Activation g, const Matrix<Scalar> &a)
{
    if (g == Activation::Tanh || g == Activation::Sigmoid || g == Activation::Step)
        return 1.0f;
    const float largest = a.size() ? a.cwiseAbs().maxCoeff() : 1.0f;
    return std::max(largest, 1e-6f);
}

// A unit's map from its values over the grid, pixel by pixel in order (contiguous, so the loop
// is vectorised).
QImage mapImage(const Scalar *values, const GridSpec &grid, float scale, bool sigmoid, QRgb background)
{
    QImage image(grid.columns, grid.rows, QImage::Format_RGB32);
    const DivergingScale colour(background);
    const int columns = grid.columns;
    for (int row = 0; row < grid.rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
        const Scalar *v = values + Index(row) * columns;
        if (sigmoid) {
            for (int column = 0; column < columns; ++column)
                line[column] = colour(2.0 * v[column] - 1.0);
        } else {
            // The quotients first, in blocks: GCC vectorises neither loop with the division inside.
            for (int start = 0; start < columns; start += 64) {
                const int n = std::min(64, columns - start);
                double t[64];
                for (int i = 0; i < n; ++i)
                    t[i] = v[start + i] / scale;
                for (int i = 0; i < n; ++i)
                    line[start + i] = colour(t[i]);
            }
        }
    }
    return image;
}

// The output layer of a classifier in the plane's colours: one output unit runs from class 0's
// colour to class 1's as the plane does; with a unit per class, unit k runs from the background
// to class k's colour by P(class k), the share the plane colours by.
std::vector<QImage> classOutputImages(const Model &model, const Matrix<Scalar> &a, const GridSpec &grid,
                                      QRgb background)
{
    std::vector<QImage> images;
    for (Index u = 0; u < a.rows(); ++u)
        images.emplace_back(grid.columns, grid.rows, QImage::Format_RGB32);
    double p[kMaxClasses];
    const DivergingScale colour(background);
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            const Index pixel = Index(row) * grid.columns + column;
            classShares(model, a.data() + pixel * a.rows(), p);
            for (Index u = 0; u < a.rows(); ++u) {
                auto *line = reinterpret_cast<QRgb *>(images[std::size_t(u)].scanLine(row));
                line[column] = a.rows() == 1 ? colour(p[1] - p[0]) : blend(background, classRgb(int(u)), p[u]);
            }
        }
    }
    return images;
}

// Every unit's map over a small grid (net is scratch) and its state on the training points,
// read from pointsNet's forward pass over every data point (nullptr: there are none).
std::shared_ptr<NeuronMaps> neuronMaps(const Model &model, const std::vector<DataPoint> &points,
                                       const Network<Scalar> *pointsNet, int resolution, QRgb background,
                                       ThreadPool *pool, Network<Scalar> &net, std::vector<Matrix<Scalar>> &byUnit)
{
    auto maps = std::make_shared<NeuronMaps>();
    maps->grid = GridSpec{-6, 6, -6, 6, resolution, resolution};
    const GridSpec &grid = maps->grid;
    Matrix<double> xy(2, grid.pixels());
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            xy(0, Index(row) * grid.columns + column) = grid.x(column);
            xy(1, Index(row) * grid.columns + column) = grid.y(row);
        }
    }
    const Matrix<Scalar> x = modelInputs(model, xy);
    for (Index f = 0; f < x.rows(); ++f) {
        const Matrix<Scalar> row = x.row(f);
        maps->inputs.push_back(mapImage(row.data(), grid, std::max(row.cwiseAbs().maxCoeff(), 1e-6f), false, background));
    }
    model.loadInto(net);
    net.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Eval);
    // The scales first, then every unit's image as one job each (on the pool when given).
    struct Job
    {
        int layer;
        Index unit;
    };
    std::vector<Job> jobs;
    std::vector<Activation> drawn(static_cast<std::size_t>(net.layerCount()));
    maps->layers.resize(static_cast<std::size_t>(net.layerCount()));
    for (int l = 0; l < net.layerCount(); ++l) {
        const LayerShape &shape = net.layer(l);
        const auto a = net.a(l);
        const bool isOutput = l + 1 == net.layerCount();
        const Activation g = isOutput ? (model.network.head == OutputHead::Softmax ? Activation::Sigmoid
                                         : shape.activation)
                                      : shape.activation;
        drawn[std::size_t(l)] = g;
        if (isOutput && model.task == Task::Classification && model.classCount <= kMaxClasses) {
            maps->layerScale.push_back(1.0f);  // class shares, 0..1
            maps->layers[std::size_t(l)] = classOutputImages(model, a, grid, background);
            continue;
        }
        maps->layerScale.push_back(activationScale(g, a));
        maps->layers[std::size_t(l)].resize(std::size_t(a.rows()));
        for (Index u = 0; u < a.rows(); ++u)
            jobs.push_back({l, u});
    }
    // Each unit's values side by side (a unit per column): a map then reads them in order, not
    // one value from every column of a (a cache line per pixel). Kept from frame to frame, so
    // the same shapes reuse their memory.
    byUnit.resize(static_cast<std::size_t>(net.layerCount()));
    int transposed = -1;
    for (const Job &job : jobs) {
        if (job.layer != transposed)
            byUnit[std::size_t(job.layer)] = net.a(job.layer).transpose();
        transposed = job.layer;
    }
    forEach(pool, static_cast<int>(jobs.size()), [&](int, int index) {
        const Job &job = jobs[std::size_t(index)];
        const std::size_t l = std::size_t(job.layer);
        maps->layers[l][std::size_t(job.unit)] = mapImage(byUnit[l].col(job.unit).data(), grid, maps->layerScale[l],
                                                          drawn[l] == Activation::Sigmoid, background);
    });

    // States on the training points (the same thresholds as the trainer's health record).
    for (int l = 0; l + 1 < net.layerCount(); ++l)
        maps->states.emplace_back(static_cast<std::size_t>(net.layer(l).units), UnitState::Normal);
    std::vector<Index> train;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (!points[i].validation)
            train.push_back(Index(i));
    if (!pointsNet || train.empty())
        return maps;
    // Point by point (a column of a at a time, every unit at once), not unit by unit across
    // the columns.
    for (int l = 0; l + 1 < pointsNet->layerCount(); ++l) {
        const Activation g = pointsNet->layer(l).activation;
        const auto a = pointsNet->a(l);
        std::vector<UnitState> &states = maps->states[std::size_t(l)];
        if (g == Activation::ReLU) {
            Eigen::Array<bool, Eigen::Dynamic, 1> on = Eigen::Array<bool, Eigen::Dynamic, 1>::Zero(a.rows());
            for (const Index i : train)
                on = on || (a.col(i).array() > Scalar(0));
            for (Index u = 0; u < a.rows(); ++u)
                states[std::size_t(u)] = on(u) ? UnitState::Normal : UnitState::Dead;
        } else if (g == Activation::Sigmoid || g == Activation::Tanh) {
            Eigen::Array<std::size_t, Eigen::Dynamic, 1> saturated = Eigen::Array<std::size_t, Eigen::Dynamic, 1>::Zero(a.rows());
            for (const Index i : train) {
                const auto v = a.col(i).array();
                if (g == Activation::Tanh)
                    saturated += (v.abs() > Scalar(0.97)).cast<std::size_t>();
                else
                    saturated += (v < Scalar(0.03) || v > Scalar(0.97)).cast<std::size_t>();
            }
            for (Index u = 0; u < a.rows(); ++u) {
                if (double(saturated(u)) >= 0.95 * double(train.size()))
                    states[std::size_t(u)] = UnitState::Saturated;
            }
        }
    }
    return maps;
}

// The region frame of a map (its images and bounds); nullptr when the map was cut short.
std::shared_ptr<RegionFrame> regionFrame(const Model &model, RegionMap map, ThreadPool *pool)
{
    auto frame = std::make_shared<RegionFrame>();
    frame->applies = true;
    frame->map = std::move(map);
    if (frame->map.regionByLayer.empty())
        return nullptr;  // cancelled
    const GridSpec &grid = frame->map.grid;
    // Every id's colour once (QColor's HSV conversion per pixel would cost more than the counting).
    std::vector<QRgb> colors(static_cast<std::size_t>(*std::max_element(frame->map.countByLayer.begin(),
                                                                        frame->map.countByLayer.end())));
    for (std::size_t id = 0; id < colors.size(); ++id)
        colors[id] = regionColor(static_cast<std::uint32_t>(id));
    frame->images.resize(frame->map.regionByLayer.size());
    forEach(pool, static_cast<int>(frame->images.size()), [&](int, int layer) {
        const std::vector<std::uint32_t> &ids = frame->map.regionByLayer[std::size_t(layer)];
        QImage image(grid.columns, grid.rows, QImage::Format_RGB32);
        for (int row = 0; row < grid.rows; ++row) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
            for (int column = 0; column < grid.columns; ++column) {
                const std::size_t p = std::size_t(row) * grid.columns + column;
                const bool edge = (column + 1 < grid.columns && ids[p + 1] != ids[p])
                                  || (row + 1 < grid.rows && ids[p + grid.columns] != ids[p]);
                line[column] = edge ? qRgb(40, 40, 40) : colors[ids[p]];
            }
        }
        frame->images[std::size_t(layer)] = std::move(image);
    });
    std::vector<int> widths;
    for (std::size_t l = 0; l < frame->map.regionByLayer.size(); ++l) {
        NetworkSpec upTo = model.network;
        upTo.hidden.resize(l + 1);
        widths = regionWidths(upTo);
        frame->upperBound.push_back(regionUpperBound(widths));
        frame->montufar.push_back(montufarLowerBound(widths));
    }
    return frame;
}

}  // namespace

GridSpec trainingGrid(const GridSpec &grid, const Model &model)
{
    // The parameters count the multiply-adds of one pixel's forward pass (and its biases).
    constexpr double kBudget = 320e6;
    static constexpr int kMinimumSide = 64;
    const double perPixel = double(std::max<std::size_t>(model.parameters.size(), 1));
    const double cost = double(grid.pixels()) * perPixel;
    if (cost <= kBudget)
        return grid;
    // Both sides shrink by the same factor, to a multiple of 8 pixels (and no fewer than 64).
    const double shrink = std::sqrt(kBudget / cost);
    const auto side = [shrink](int full) {
        return std::min(full, std::max(kMinimumSide, int(full * shrink) / 8 * 8));
    };
    GridSpec coarse = grid;
    coarse.columns = side(grid.columns);
    coarse.rows = side(grid.rows);
    return coarse;
}

ViewFrame computeViewFrame(const Model &model, const Dataset &dataset, const BoundaryStyle &style, const GridSpec &grid,
                           const ViewNeeds &needs, FrameScratch &scratch, ThreadPool *pool, bool training,
                           const ThreadPool::Cancel &cancel)
{
    QElapsedTimer clock;
    clock.start();
    ViewFrame frame;
    frame.model = model;
    frame.grid = training ? trainingGrid(grid, model) : grid;
    const GridSpec &shown = frame.grid;

    // The regions' grid; they ride on the boundary's forward pass when it is the same grid (when
    // paused at the default view, or while training a network whose boundary is coarsened to
    // their resolution or below: then they are counted at the boundary's resolution).
    const bool wantRegions = needs.regions && regionsApply(model.network) && !model.network.hidden.empty();
    int regionResolution = training ? std::min(needs.regionTrainingResolution, needs.regionResolution)
                                    : needs.regionResolution;
    GridSpec regionGrid{-6, 6, -6, 6, regionResolution, regionResolution};
    if (training && !(shown == grid) && shown.columns == shown.rows && shown.columns < regionResolution
        && GridSpec{shown.xMin, shown.xMax, shown.yMin, shown.yMax, regionResolution, regionResolution} == regionGrid) {
        regionResolution = shown.columns;
        regionGrid = shown;
    }
    const bool shareRegions = wantRegions && regionGrid == shown;
    GridEvaluator::ChunkVisitor gather;
    if (shareRegions) {
        scratch.patterns.start(shown, model.network);
        gather = [&](const Network<Scalar> &net, Index first, Index n) { scratch.patterns.gather(net, first, n); };
    }

    GridEvaluator &evaluator = scratch.evaluator;
    GridEvaluation &evaluation = scratch.evaluation;
    evaluator.setPool(pool);
    evaluator.setModel(model);
    if (!evaluator.evaluate(shown, false, evaluation, cancel, gather)) {
        frame.cancelled = true;
        return frame;
    }
    const double sharedPassMs = millisecondsSince(clock);

    frame.boundary = QImage(shown.columns, shown.rows, QImage::Format_RGB32);
    constexpr int kRowBlock = 16;
    forEach(pool, (shown.rows + kRowBlock - 1) / kRowBlock, [&](int, int block) {
        for (int row = block * kRowBlock; row < std::min(shown.rows, (block + 1) * kRowBlock); ++row) {
            auto *line = reinterpret_cast<QRgb *>(frame.boundary.scanLine(row));
            for (int column = 0; column < shown.columns; ++column) {
                const Index p = Index(row) * shown.columns + column;
                line[column] = boundaryColor(model, &evaluation.output(0, p), style);
            }
        }
    });
    frame.output = evaluation.output;

    // Every data point's forward pass, once: their predictions and the units' states.
    const std::vector<DataPoint> &points = dataset.points;
    const Network<Scalar> *pointsNet = nullptr;
    if (!points.empty()) {
        Matrix<double> xy(2, static_cast<Index>(points.size()));
        for (std::size_t i = 0; i < points.size(); ++i) {
            xy(0, Index(i)) = points[i].x1;
            xy(1, Index(i)) = points[i].x2;
        }
        const Matrix<Scalar> x = modelInputs(model, xy);
        model.loadInto(scratch.points);
        scratch.points.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Eval);
        pointsNet = &scratch.points;
        const auto out = scratch.points.output();
        frame.predicted.resize(points.size());
        frame.pointValue.resize(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            const Scalar *a = out.data() + Index(i) * out.rows();
            frame.predicted[i] = model.task == Task::Classification
                                     ? predictedClass<Scalar>(model.network.head, a, model.outputs)
                                     : 0;
            frame.pointValue[i] = a[0];
        }
    }
    frame.boundaryMs = millisecondsSince(clock);

    if (needs.neuronMaps) {
        const double start = millisecondsSince(clock);
        frame.neurons = neuronMaps(model, points, pointsNet, needs.neuronResolution, style.background, pool,
                                   scratch.maps, scratch.mapsByUnit);
        frame.neuronMs = millisecondsSince(clock) - start;
    }
    if (needs.regions) {
        const double start = millisecondsSince(clock);
        std::shared_ptr<RegionFrame> regions;
        if (!wantRegions) {
            regions = std::make_shared<RegionFrame>();  // applies = false: the view says why
        } else {
            RegionMap map = shareRegions ? scratch.patterns.number(pool) : computeRegions(model, regionGrid, pool, cancel);
            regions = regionFrame(model, std::move(map), pool);
            if (!regions) {
                frame.cancelled = true;
                return frame;
            }
            regions->coarse = regionResolution < needs.regionResolution;
        }
        frame.regions = std::move(regions);
        // Shared with the boundary: the pass is counted in both parts.
        frame.regionMs = millisecondsSince(clock) - start + (shareRegions ? sharedPassMs : 0.0);
    }
    if (needs.folding) {
        const double start = millisecondsSince(clock);
        auto mesh = std::make_shared<FoldingMesh>(computeFolding(model, points, GridSpec{}, needs.foldingSide, &scratch.mesh));
        const int principal = std::min(needs.foldingPrincipal, mesh->spaces() - 1);
        mesh->principal.resize(std::size_t(std::max(principal + 1, 0)));
        for (int s = 1; s <= principal; ++s) {
            if (mesh->vertices[std::size_t(s)].rows() > 2)
                mesh->principal[std::size_t(s)] = principalAxes(mesh->vertices[std::size_t(s)]);
        }
        frame.folding = std::move(mesh);
        frame.foldingMs = millisecondsSince(clock) - start;
    }
    frame.milliseconds = millisecondsSince(clock);
    return frame;
}

ViewFrame computeViewFrame(const Model &model, const Dataset &dataset, const BoundaryStyle &style, const GridSpec &grid,
                           const ViewNeeds &needs)
{
    FrameScratch scratch;
    return computeViewFrame(model, dataset, style, grid, needs, scratch);
}

}  // namespace np

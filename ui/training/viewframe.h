#pragma once

#include "analysis/folding.h"
#include "analysis/gridevaluation.h"
#include "analysis/regions.h"
#include "colors.h"
#include "data/dataset.h"

#include <QImage>

#include <cstdint>
#include <memory>
#include <vector>

namespace np {

/// How the decision boundary is coloured.
struct BoundaryStyle
{
    bool discretize = false;       ///< flat class colours instead of confidence shading
    QRgb background = qRgb(255, 255, 255);
    double regressionRange = 1.0;  ///< the diverging map spans [-range, range]
    ColorScheme scheme = ColorScheme::Standard;  ///< recorded so a scheme change redraws
    bool operator==(const BoundaryStyle &) const = default;
};

/// Which of the optional, costlier parts of a frame the open views need.
struct ViewNeeds
{
    bool neuronMaps = false;    ///< a small map of every unit's activation (network diagram)
    int neuronResolution = 40;
    bool regions = false;       ///< linear regions (regions view)
    int regionResolution = 256;
    /// While the weights move, regions are counted on this coarser grid (a quarter of the work)
    /// and refined to regionResolution once training pauses; the view says which it shows.
    int regionTrainingResolution = 128;
    bool folding = false;       ///< the mesh carried through every layer (folding view)
    int foldingSide = 31;
    /// The principal components of the folding mesh's spaces 1 to this one (those wider than two
    /// units), computed with the mesh so the folding view need not: the layer it shows and the
    /// ones before it, whose components orient its picture. 0 when it shows chosen units.
    int foldingPrincipal = 0;
    bool operator==(const ViewNeeds &) const = default;
};

/// What a unit is doing on the training points.
enum class UnitState : std::uint8_t { Normal, Dead, Saturated };

/// Every unit's activation over a small grid, as images, and its state on the data.
struct NeuronMaps
{
    GridSpec grid;
    std::vector<QImage> inputs;                  ///< per input feature (after standardisation)
    std::vector<std::vector<QImage>> layers;     ///< per layer (hidden..., output), per unit
    std::vector<std::vector<UnitState>> states;  ///< per hidden layer, per unit
    std::vector<float> layerScale;               ///< per layer: the |a| that maps to full colour
};

/// The linear regions over the view grid.
struct RegionFrame
{
    bool applies = false;            ///< every hidden activation is piecewise linear
    RegionMap map;
    std::vector<QImage> images;      ///< per hidden layer: regions so far, coloured, boundaries dark
    std::vector<double> upperBound;  ///< per hidden layer: regionUpperBound of the layers so far
    std::vector<double> montufar;    ///< per hidden layer: montufarLowerBound of the layers so far
    bool coarse = false;             ///< counted at the training resolution; refined when paused
};

/// What the views draw, computed off the GUI thread from one snapshot's weights.
struct ViewFrame
{
    std::uint64_t serial = 0;      ///< the snapshot it was computed from
    std::uint64_t datasetVersion = 0;
    Model model;                   ///< the weights the frame was computed from
    GridSpec grid;
    QImage boundary;               ///< grid.columns x grid.rows, coloured by class and confidence
    Matrix<Scalar> output;         ///< outputs x pixels, a_L over the grid
    std::vector<int> predicted;    ///< per data point: the predicted class (classification)
    std::vector<float> pointValue; ///< per data point: the output value (regression) or confidence
    std::shared_ptr<const NeuronMaps> neurons;     ///< when ViewNeeds::neuronMaps
    std::shared_ptr<const RegionFrame> regions;    ///< when ViewNeeds::regions
    std::shared_ptr<const FoldingMesh> folding;    ///< when ViewNeeds::folding
    double milliseconds = 0;       ///< how long the frame took to compute
    double boundaryMs = 0, neuronMs = 0, regionMs = 0, foldingMs = 0;  ///< its parts
    bool cancelled = false;        ///< stopped part way (a newer configuration, or closing): not to be shown
};

/// The colour of one grid cell for a model's outputs (a column of a_L): class colour blended with
/// the background by confidence, or the diverging map for regression.
QRgb boundaryColor(const Model &model, const Scalar *a, const BoundaryStyle &style);

/// A colour per region id (distinct neighbouring hues), for region maps.
QRgb regionColor(std::uint32_t id);

/// What computeViewFrame keeps between calls, so that a frame of the same network allocates
/// nothing large: the boundary grid's evaluator and its result, one network each for the data
/// points, the neuron maps' grid and the folding mesh, and the region patterns.
struct FrameScratch
{
    GridEvaluator evaluator;
    GridEvaluation evaluation;
    Network<Scalar> points;
    Network<Scalar> maps;
    std::vector<Matrix<Scalar>> mapsByUnit;  ///< each layer's activations over the maps' grid, a unit per column
    Network<Scalar> mesh;
    RegionPatterns patterns;
};

/// The grid the boundary is evaluated at while the weights move: the view's grid when its
/// forward pass costs at most about 320 M multiply-adds (10 ms on one AVX-512 core), else both
/// sides shrunk by the same factor to that cost, to a multiple of 8 and no fewer than 64 pixels.
/// An 8 x 64 network is drawn at 104 x 104 while training and refined when paused; the default
/// network and every lesson's keep 256 x 256.
GridSpec trainingGrid(const GridSpec &grid, const Model &model);

/// Computes one frame now, on the calling thread (the evaluator's worker, the command line's
/// figure export and tests). The scratch is kept between calls. Given a pool, the grid work is
/// shared among its threads (the same pictures, bit for bit). While `training`, the boundary is
/// evaluated at trainingGrid() and regions are counted at needs.regionTrainingResolution (or at
/// the boundary's grid when that is the same rectangle and no finer, sharing its forward pass).
/// Between blocks of rows cancel is asked; a frame it stopped comes back with `cancelled` set.
ViewFrame computeViewFrame(const Model &model, const Dataset &dataset, const BoundaryStyle &style, const GridSpec &grid,
                           const ViewNeeds &needs, FrameScratch &scratch, ThreadPool *pool = nullptr,
                           bool training = false, const ThreadPool::Cancel &cancel = {});
ViewFrame computeViewFrame(const Model &model, const Dataset &dataset, const BoundaryStyle &style, const GridSpec &grid,
                           const ViewNeeds &needs);

}  // namespace np

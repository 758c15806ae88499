#pragma once

#include "surfaces.h"

#include <vector>

namespace np {

/// f sampled on a regular grid over a box: values(i, j) at x_i, y_j, row-major by j (y).
struct SurfaceGrid
{
    ViewBox box;
    int columns = 0;  ///< samples along x (including both edges)
    int rows = 0;     ///< samples along y
    std::vector<double> values;

    double at(int i, int j) const { return values[std::size_t(j) * std::size_t(columns) + std::size_t(i)]; }
    double x(int i) const { return box.xMin + (box.xMax - box.xMin) * i / (columns - 1); }
    double y(int j) const { return box.yMin + (box.yMax - box.yMin) * j / (rows - 1); }
};

/// One straight piece of a contour line.
struct ContourSegment
{
    Point2 a;
    Point2 b;
};

/// f (without noise) on a columns x rows grid over box.
SurfaceGrid sampleSurface(const SurfaceSpec &spec, const ViewBox &box, int columns, int rows);

/// Contour levels for a grid: `count` levels spaced evenly in log(f − f_min) from the grid's
/// lowest value up to its highest, when the surface has a minimum; evenly in f for the saddle.
std::vector<double> contourLevels(const SurfaceSpec &spec, const SurfaceGrid &grid, int count);

/// The level set f = level as segments, by marching squares (saddle cells split by their centre).
std::vector<ContourSegment> contourSegments(const SurfaceGrid &grid, double level);

}  // namespace np

#include "contours.h"

#include <algorithm>
#include <cmath>

namespace np {

SurfaceGrid sampleSurface(const SurfaceSpec &spec, const ViewBox &box, int columns, int rows)
{
    SurfaceGrid grid;
    grid.box = box;
    grid.columns = std::max(2, columns);
    grid.rows = std::max(2, rows);
    grid.values.resize(std::size_t(grid.columns) * std::size_t(grid.rows));
    for (int j = 0; j < grid.rows; ++j) {
        for (int i = 0; i < grid.columns; ++i)
            grid.values[std::size_t(j) * std::size_t(grid.columns) + std::size_t(i)] =
                surfaceValue(spec, {grid.x(i), grid.y(j)});
    }
    return grid;
}

std::vector<double> contourLevels(const SurfaceSpec &spec, const SurfaceGrid &grid, int count)
{
    const auto [lo, hi] = std::minmax_element(grid.values.begin(), grid.values.end());
    std::vector<double> levels;
    if (count < 1 || lo == grid.values.end() || !(*hi > *lo))
        return levels;
    if (std::isfinite(surfaceMinimum(spec))) {
        // Levels above the minimum grow geometrically: equally many lines near the bottom of a
        // valley as on its steep walls. The lowest sits just above the grid's lowest sample.
        const double fMin = surfaceMinimum(spec);
        const double top = *hi - fMin;
        const double bottom = std::max(*lo - fMin, top * 1e-6);
        for (int k = 0; k < count; ++k) {
            const double t = (k + 0.5) / count;
            levels.push_back(fMin + bottom * std::pow(top / bottom, t));
        }
    } else {
        for (int k = 0; k < count; ++k)
            levels.push_back(*lo + (*hi - *lo) * (k + 0.5) / count);
    }
    return levels;
}

std::vector<ContourSegment> contourSegments(const SurfaceGrid &grid, double level)
{
    std::vector<ContourSegment> out;
    // Where the level crosses the edge from p (value fp) to q (value fq).
    auto cross = [level](Point2 p, double fp, Point2 q, double fq) {
        const double t = (level - fp) / (fq - fp);
        return Point2{p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)};
    };
    for (int j = 0; j + 1 < grid.rows; ++j) {
        for (int i = 0; i + 1 < grid.columns; ++i) {
            // Corners counter-clockwise from the lower left.
            const Point2 c[4] = {{grid.x(i), grid.y(j)}, {grid.x(i + 1), grid.y(j)},
                                 {grid.x(i + 1), grid.y(j + 1)}, {grid.x(i), grid.y(j + 1)}};
            const double f[4] = {grid.at(i, j), grid.at(i + 1, j), grid.at(i + 1, j + 1), grid.at(i, j + 1)};
            int mask = 0;
            for (int k = 0; k < 4; ++k)
                mask |= (f[k] > level ? 1 : 0) << k;
            if (mask == 0 || mask == 15)
                continue;
            // The crossing on each edge k (from corner k to corner k+1) that changes sign.
            Point2 e[4];
            bool has[4] = {};
            for (int k = 0; k < 4; ++k) {
                const int n = (k + 1) % 4;
                if ((f[k] > level) != (f[n] > level)) {
                    e[k] = cross(c[k], f[k], c[n], f[n]);
                    has[k] = true;
                }
            }
            const int count = has[0] + has[1] + has[2] + has[3];
            if (count == 2) {
                Point2 ends[2];
                int m = 0;
                for (int k = 0; k < 4; ++k) {
                    if (has[k])
                        ends[m++] = e[k];
                }
                out.push_back({ends[0], ends[1]});
            } else if (count == 4) {
                // A saddle cell: the centre's side decides which corners the lines cut off.
                const double centre = (f[0] + f[1] + f[2] + f[3]) / 4;
                const bool centreAbove = centre > level;
                if (centreAbove == (f[0] > level)) {
                    out.push_back({e[0], e[1]});
                    out.push_back({e[2], e[3]});
                } else {
                    out.push_back({e[3], e[0]});
                    out.push_back({e[1], e[2]});
                }
            }
        }
    }
    return out;
}

}  // namespace np

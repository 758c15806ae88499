#pragma once

#include "../common/rng.h"

#include <cstdint>
#include <string>

namespace np {

/// The 2-D test functions of the optimizer view: f(x, y) with its exact gradient.
enum class SurfaceKind { Quadratic, Rosenbrock, Beale, Himmelblau, Saddle };

const char *surfaceKey(SurfaceKind kind);
const char *surfaceTitle(SurfaceKind kind);
bool parseSurface(const std::string &key, SurfaceKind &kind);

/// A point of the plane, or a 2-D vector (a gradient, an update).
struct Point2
{
    double x = 0.0;
    double y = 0.0;

    bool operator==(const Point2 &) const = default;
};

/// The region a view shows: [xMin, xMax] x [yMin, yMax].
struct ViewBox
{
    double xMin = -1.0;
    double xMax = 1.0;
    double yMin = -1.0;
    double yMax = 1.0;
};

/// Which surface, its shape parameters and the gradient noise that stands in for mini-batches.
struct SurfaceSpec
{
    SurfaceKind kind = SurfaceKind::Quadratic;
    double condition = 10.0;  ///< kappa = lambda_max / lambda_min of the quadratic's Hessian A
    double rotation = 0.0;    ///< theta in degrees: the quadratic's long axis against the x axis
    double noise = 0.0;       ///< sigma of the Gaussian noise added to each gradient component
    std::uint64_t seed = 1;   ///< seeds the noise, so a noisy path is reproducible

    bool operator==(const SurfaceSpec &) const = default;
};

/// Empty, or why the spec cannot be used (kappa below 1, negative noise...).
std::string validateSurface(const SurfaceSpec &spec);

/// f(x, y). The quadratic is f = 1/2 pᵀ A p with A = R(theta) diag(1, kappa) R(theta)ᵀ.
double surfaceValue(const SurfaceSpec &spec, Point2 p);
/// The exact gradient, without noise.
Point2 surfaceGradient(const SurfaceSpec &spec, Point2 p);
/// The quadratic's Hessian A as {a11, a12, a22} (zero for other surfaces).
void quadraticMatrix(const SurfaceSpec &spec, double &a11, double &a12, double &a22);

/// The formula as people read it (UTF-8), e.g. "f = (1 − x)² + 100 (y − x²)²".
std::string surfaceFormula(const SurfaceSpec &spec);
/// A box that shows the surface's interesting part: its minima and the default start.
ViewBox surfaceViewBox(const SurfaceSpec &spec);
/// Where paths start unless the user drags the start elsewhere.
Point2 surfaceDefaultStart(const SurfaceSpec &spec);
/// The lowest value (0 for all but the saddle, which has none: -inf).
double surfaceMinimum(const SurfaceSpec &spec);

/// The gradient an optimizer sees: exact plus N(0, sigma²) per component, from its own generator.
class NoisyGradient
{
public:
    explicit NoisyGradient(const SurfaceSpec &spec) : m_spec(spec), m_rng(spec.seed) {}

    Point2 operator()(Point2 p);

private:
    SurfaceSpec m_spec;
    Rng m_rng;
};

}  // namespace np

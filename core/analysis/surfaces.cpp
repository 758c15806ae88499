#include "surfaces.h"

#include "../common/enumtable.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace np {

namespace {

constexpr auto kSurfaces = enumNames<SurfaceKind>({
    {SurfaceKind::Quadratic, "quadratic", "Elongated quadratic"},
    {SurfaceKind::Rosenbrock, "rosenbrock", "Rosenbrock"},
    {SurfaceKind::Beale, "beale", "Beale"},
    {SurfaceKind::Himmelblau, "himmelblau", "Himmelblau"},
    {SurfaceKind::Saddle, "saddle", "Saddle"},
});

std::string parameterText(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

}  // namespace

const char *surfaceKey(SurfaceKind kind) { return kSurfaces.key(kind); }
const char *surfaceTitle(SurfaceKind kind) { return kSurfaces.title(kind); }
bool parseSurface(const std::string &key, SurfaceKind &kind) { return kSurfaces.parse(key, kind); }

std::string validateSurface(const SurfaceSpec &spec)
{
    if (!std::isfinite(spec.condition) || spec.condition < 1.0 || spec.condition > 1e6)
        return "The condition number κ must be from 1 to 1e6.";
    if (!std::isfinite(spec.rotation) || std::abs(spec.rotation) > 360.0)
        return "The rotation must be from −360° to 360°.";
    if (!std::isfinite(spec.noise) || spec.noise < 0.0 || spec.noise > 1e6)
        return "The gradient noise σ must be from 0 to 1e6.";
    return {};
}

void quadraticMatrix(const SurfaceSpec &spec, double &a11, double &a12, double &a22)
{
    if (spec.kind != SurfaceKind::Quadratic) {
        a11 = a12 = a22 = 0.0;
        return;
    }
    // A = R diag(1, kappa) Rᵀ with R the rotation by theta: eigenvalue 1 along (cos, sin).
    const double t = spec.rotation * std::numbers::pi / 180.0;
    const double c = std::cos(t), s = std::sin(t), k = spec.condition;
    a11 = c * c + k * s * s;
    a12 = c * s * (1.0 - k);
    a22 = s * s + k * c * c;
}

double surfaceValue(const SurfaceSpec &spec, Point2 p)
{
    const double x = p.x, y = p.y;
    switch (spec.kind) {
    case SurfaceKind::Quadratic: {
        double a11, a12, a22;
        quadraticMatrix(spec, a11, a12, a22);
        return 0.5 * (a11 * x * x + 2.0 * a12 * x * y + a22 * y * y);
    }
    case SurfaceKind::Rosenbrock:
        return (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
    case SurfaceKind::Beale: {
        const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }
    case SurfaceKind::Himmelblau: {
        const double u = x * x + y - 11.0, v = x + y * y - 7.0;
        return u * u + v * v;
    }
    case SurfaceKind::Saddle:
        return 0.5 * (x * x - y * y);
    }
    return 0.0;
}

Point2 surfaceGradient(const SurfaceSpec &spec, Point2 p)
{
    const double x = p.x, y = p.y;
    switch (spec.kind) {
    case SurfaceKind::Quadratic: {
        double a11, a12, a22;
        quadraticMatrix(spec, a11, a12, a22);
        return {a11 * x + a12 * y, a12 * x + a22 * y};
    }
    case SurfaceKind::Rosenbrock:
        return {-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)};
    case SurfaceKind::Beale: {
        const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
        return {2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y * y - 1.0) + 2.0 * t3 * (y * y * y - 1.0),
                2.0 * t1 * x + 2.0 * t2 * 2.0 * x * y + 2.0 * t3 * 3.0 * x * y * y};
    }
    case SurfaceKind::Himmelblau: {
        const double u = x * x + y - 11.0, v = x + y * y - 7.0;
        return {4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v};
    }
    case SurfaceKind::Saddle:
        return {x, -y};
    }
    return {};
}

std::string surfaceFormula(const SurfaceSpec &spec)
{
    std::string text;
    switch (spec.kind) {
    case SurfaceKind::Quadratic:
        // A = R(θ) diag(1, κ) R(θ)ᵀ: the two numbers say it, and the line fits a narrow view.
        text = "f = ½ pᵀA p,  κ = " + parameterText(spec.condition) + ",  θ = " + parameterText(spec.rotation) + "°";
        break;
    case SurfaceKind::Rosenbrock:
        text = "f = (1 − x)² + 100 (y − x²)²";
        break;
    case SurfaceKind::Beale:
        text = "f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²";
        break;
    case SurfaceKind::Himmelblau:
        text = "f = (x² + y − 11)² + (x + y² − 7)²";
        break;
    case SurfaceKind::Saddle:
        text = "f = ½ (x² − y²)";
        break;
    }
    if (spec.noise > 0.0)
        text += ",  ∇f + N(0, " + parameterText(spec.noise) + "²)";
    return text;
}

ViewBox surfaceViewBox(const SurfaceSpec &spec)
{
    switch (spec.kind) {
    case SurfaceKind::Quadratic:
        return {-4.0, 4.0, -3.0, 3.0};
    case SurfaceKind::Rosenbrock:
        return {-2.0, 2.0, -1.0, 3.0};
    case SurfaceKind::Beale:
        return {-4.5, 4.5, -4.5, 4.5};
    case SurfaceKind::Himmelblau:
        return {-5.0, 5.0, -5.0, 5.0};
    case SurfaceKind::Saddle:
        return {-2.0, 2.0, -2.0, 2.0};
    }
    return {};
}

Point2 surfaceDefaultStart(const SurfaceSpec &spec)
{
    switch (spec.kind) {
    case SurfaceKind::Quadratic:
        return {-3.5, 2.0};
    case SurfaceKind::Rosenbrock:
        return {-1.5, 2.0};
    case SurfaceKind::Beale:
        return {1.0, 1.5};
    case SurfaceKind::Himmelblau:
        return {0.0, 0.0};
    case SurfaceKind::Saddle:
        return {-1.8, 0.05};
    }
    return {};
}

double surfaceMinimum(const SurfaceSpec &spec)
{
    return spec.kind == SurfaceKind::Saddle ? -std::numeric_limits<double>::infinity() : 0.0;
}

Point2 NoisyGradient::operator()(Point2 p)
{
    Point2 g = surfaceGradient(m_spec, p);
    if (m_spec.noise > 0.0) {
        g.x += m_spec.noise * m_rng.normal();
        g.y += m_spec.noise * m_rng.normal();
    }
    return g;
}

}  // namespace np

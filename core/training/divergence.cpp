#include "divergence.h"

#include "../data/planefit.h"

#include <sstream>

namespace np {

namespace {

std::string shortNumber(double v, int precision = 3)
{
    std::ostringstream s;
    s.precision(precision);
    s << v;
    return s.str();
}

}  // namespace

std::string divergenceCause(const Dataset &dataset, bool standardized, double eta)
{
    // Inputs far beyond the plane scale every gradient by their square: no learning rate is
    // small enough, and blaming η would send the user the wrong way.
    const double reach = maxAbsCoordinate(dataset);
    if (reach > kLargeInput && !standardized)
        return "Your inputs reach " + shortNumber(reach)
               + " and are not standardised, so the weighted sums overflow whatever the learning rate: "
                 "standardise them (Network › Standardise inputs) or rescale the data into the plane.";
    if (reach > kOverflowingInput)
        return "Your inputs reach " + shortNumber(reach)
               + ", so even standardised their squares and products overflow: rescale the data into the plane.";
    return "The learning rate (η = " + shortNumber(eta, 6) + ") is probably too high.";
}

}  // namespace np

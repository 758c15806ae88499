#pragma once

#include <string>

namespace np {

/// A number as the messages of core/ quote it: whole numbers in full ("160", "-3"), everything
/// else with six significant digits as printf's %g writes it ("0.03", "1.5e+20", "inf", "nan").
std::string formatNumber(double v);

}  // namespace np

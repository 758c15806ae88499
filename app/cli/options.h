#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace np::cli {

/// One flag a command accepts: "--epochs N" with a short form "-e".
struct Flag
{
    std::string name;   ///< long form without dashes: "epochs"
    char shortName = 0; ///< 'e', or 0
    std::string value;  ///< placeholder for a value ("N", "FILE"), empty for a switch
    std::string help;
};

/// Parsed command-line flags of one command.
class Options
{
public:
    /// Parses argv[first..]; returns an error message for unknown flags or missing values.
    std::string parse(const std::vector<Flag> &flags, int argc, char **argv, int first);

    bool has(const std::string &name) const { return m_values.count(name) > 0; }
    std::optional<std::string> value(const std::string &name) const;
    /// A whole number in [lo, hi]; the error names the flag.
    std::string integer(const std::string &name, long long lo, long long hi, long long &out) const;
    const std::vector<std::string> &positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

/// "  -e, --epochs N    help" lines for a command's help text.
std::string describeFlags(const std::vector<Flag> &flags);

}  // namespace np::cli

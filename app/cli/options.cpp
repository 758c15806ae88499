#include "options.h"

#include <charconv>

namespace np::cli {

std::string Options::parse(const std::vector<Flag> &flags, int argc, char **argv, int first)
{
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        const Flag *flag = nullptr;
        std::string inlineValue;
        bool hasInline = false;
        if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            std::string name = arg.substr(2);
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
                hasInline = true;
            }
            for (const Flag &f : flags)
                flag = f.name == name ? &f : flag;
            if (!flag)
                return "unknown option '--" + name + "'";
        } else if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-') {
            for (const Flag &f : flags)
                flag = f.shortName == arg[1] ? &f : flag;
            if (!flag)
                return "unknown option '" + arg + "'";
        } else {
            m_positional.push_back(arg);
            continue;
        }
        if (flag->value.empty()) {
            if (hasInline)
                return "option '--" + flag->name + "' takes no value";
            m_values[flag->name] = "";
            continue;
        }
        if (hasInline) {
            m_values[flag->name] = inlineValue;
        } else if (i + 1 < argc) {
            m_values[flag->name] = argv[++i];
        } else {
            return "option '--" + flag->name + "' needs a value (" + flag->value + ")";
        }
    }
    return {};
}

std::optional<std::string> Options::value(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string Options::integer(const std::string &name, long long lo, long long hi, long long &out) const
{
    const auto text = value(name);
    if (!text)
        return {};
    long long v = 0;
    const char *begin = text->data();
    const char *end = begin + text->size();
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec != std::errc() || ptr != end || v < lo || v > hi)
        return "--" + name + " expects a whole number from " + std::to_string(lo) + " to " + std::to_string(hi)
               + ", not '" + *text + "'";
    out = v;
    return {};
}

std::string describeFlags(const std::vector<Flag> &flags)
{
    std::string out;
    for (const Flag &f : flags) {
        std::string left = "  ";
        left += f.shortName ? std::string("-") + f.shortName + ", " : "    ";
        left += "--" + f.name;
        if (!f.value.empty())
            left += " " + f.value;
        if (left.size() < 26)
            left.resize(26, ' ');
        else
            left += "  ";
        out += left + f.help + "\n";
    }
    return out;
}

}  // namespace np::cli

// The contract every loader keeps, checked by the libFuzzer harnesses: an input is either
// refused with a message, or accepted as a value that is valid and that, written out and read
// back, is the same value. A broken contract aborts with what broke, so libFuzzer keeps the
// input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace np::fuzz {

[[noreturn]] inline void broken(const char *loader, const std::string &what)
{
    std::fprintf(stderr, "%s broke its contract: %s\n", loader, what.c_str());
    std::abort();
}

/// A refusal must say why.
inline void requireMessage(const char *loader, const std::string &error)
{
    if (error.empty())
        broken(loader, "refused without a message");
}

/// The same text, written from the value read back.
inline void requireSameText(const char *loader, const std::string &first, const std::string &again)
{
    if (first != again)
        broken(loader, "written back and read again, it writes differently:\n--- first\n" + first.substr(0, 2000)
                           + "\n--- again\n" + again.substr(0, 2000));
}

}  // namespace np::fuzz

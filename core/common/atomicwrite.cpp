#include "atomicwrite.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace np {

namespace {

std::string systemError(const std::string &what, const std::string &path)
{
    return what + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

std::string writeFileAtomically(const std::string &path, std::string_view bytes)
{
    const std::filesystem::path target(path);
    std::filesystem::path dir = target.parent_path();
    if (dir.empty())
        dir = ".";
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return systemError("cannot create a temporary file next to", path);

    const char *p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const std::string error = systemError("cannot write", path);
            ::close(fd);
            ::unlink(tmpl.c_str());
            return error;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // mkstemp creates 0600; a saved document should be readable like any other file.
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string error = systemError("cannot flush", path);
        ::unlink(tmpl.c_str());
        return error;
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string error = systemError("cannot replace", path);
        ::unlink(tmpl.c_str());
        return error;
    }
    return {};
}

std::string readFile(const std::string &path, std::string &bytes, std::size_t maxBytes)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return "'" + path + "' is a folder, not a file";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return systemError("cannot open", path);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0)
        return "cannot read '" + path + "'";
    if (static_cast<std::size_t>(size) > maxBytes)
        return "'" + path + "' is too large (" + std::to_string(size) + " bytes; the limit is "
               + std::to_string(maxBytes) + ")";
    in.seekg(0, std::ios::beg);
    bytes.resize(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(bytes.data(), size))
        return "cannot read '" + path + "'";
    return {};
}

}  // namespace np

// Helpers for the fault tests: a folder the test itself cannot write (also as root), a file
// size limit that stands in for a full disk, and byte-exact file comparisons.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <csignal>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace np::faults {

inline QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/// Makes `folder` read-only for the calling thread for its lifetime: mode 0555, and for root
/// (whom modes do not stop) the calling thread's effective CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
/// and CAP_FOWNER are dropped until the end, as for any user. Only the calling thread is
/// affected, so save on it (the window saves on the GUI thread).
class ReadOnlyFolder
{
public:
    explicit ReadOnlyFolder(const QString &folder)
        : m_folder(QFile::encodeName(folder))
    {
        ::chmod(m_folder.constData(), 0555);
        if (::geteuid() != 0)
            return;
        m_header.version = _LINUX_CAPABILITY_VERSION_3;
        m_header.pid = 0;
        if (::syscall(SYS_capget, &m_header, m_saved) != 0)
            return;
        __user_cap_data_struct dropped[2] = {m_saved[0], m_saved[1]};
        for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER})
            dropped[cap / 32].effective &= ~(1u << (cap % 32));
        m_dropped = ::syscall(SYS_capset, &m_header, dropped) == 0;
    }
    ~ReadOnlyFolder()
    {
        if (m_dropped)
            ::syscall(SYS_capset, &m_header, m_saved);
        ::chmod(m_folder.constData(), 0755);
    }
    ReadOnlyFolder(const ReadOnlyFolder &) = delete;
    ReadOnlyFolder &operator=(const ReadOnlyFolder &) = delete;

    /// Whether a write into the folder is now refused (false: a root without capabilities to drop).
    bool holds() const { return ::geteuid() != 0 || m_dropped; }

private:
    QByteArray m_folder;
    __user_cap_header_struct m_header{};
    __user_cap_data_struct m_saved[2]{};
    bool m_dropped = false;
};

/// A disk that fills up after `bytes` more bytes of any one file: RLIMIT_FSIZE (no privileges
/// needed, unlike a small tmpfs), with SIGXFSZ ignored so that write() fails with EFBIG as it
/// would with ENOSPC instead of killing the process. Restored at the end.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

private:
    rlimit m_saved{};
    void (*m_handler)(int) = SIG_DFL;
};

}  // namespace np::faults

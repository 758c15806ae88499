#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace np {

/// The top-level object of a JSON file, or (nullopt) why there is none in `error`: empty file,
/// invalid JSON with its line and byte, or something other than an object. Every loader starts here.
std::optional<QJsonObject> parseJsonObject(const QByteArray &json, std::string &error);

/// Reads values out of untrusted JSON with type and range checks, remembering the first
/// problem together with where it is ("training.optimizer.beta1: expected a number from 0 to 1").
/// Missing keys keep the caller's default, so hand-written configs may be partial.
class JsonReader
{
public:
    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    void fail(const std::string &message);
    void failAt(const char *key, const std::string &message);

    /// Scopes the path for nested objects: reader.enter("network") ... reader.leave().
    void enter(const std::string &name) { m_path.push_back(name); }
    void leave() { m_path.pop_back(); }
    std::string path(const char *key = nullptr) const;

    /// Rejects keys that are not listed (catches typos such as "learningrate").
    void allowOnly(const QJsonObject &object, std::initializer_list<const char *> keys);

    bool object(const QJsonObject &parent, const char *key, QJsonObject &out, bool required = false);
    bool array(const QJsonObject &parent, const char *key, QJsonArray &out, bool required = false);
    void number(const QJsonObject &o, const char *key, double &out, double lo, double hi);
    void integer(const QJsonObject &o, const char *key, int &out, int lo, int hi);
    void integer(const QJsonObject &o, const char *key, std::int64_t &out, std::int64_t lo, std::int64_t hi);
    /// Seeds: whole numbers 0 .. 2^53 (exact in JSON numbers).
    void seed(const QJsonObject &o, const char *key, std::uint64_t &out);
    void boolean(const QJsonObject &o, const char *key, bool &out);
    void string(const QJsonObject &o, const char *key, std::string &out);
    /// A string that must parse with `parse`, e.g. an enum key.
    template <typename Enum, typename Parse>
    void key(const QJsonObject &o, const char *name, Enum &out, Parse parse, const char *what)
    {
        if (!ok() || !o.contains(name))
            return;
        std::string text;
        string(o, name, text);
        if (ok() && !parse(text, out))
            failAt(name, "unknown " + std::string(what) + " '" + text + "'");
    }

    /// Arrays of finite numbers of an expected length (-1: any, up to maxLength).
    void floats(const QJsonObject &o, const char *key, std::vector<float> &out, long long length,
                long long maxLength = 100'000'000);
    void floats(const QJsonValue &value, const std::string &name, std::vector<float> &out, long long length);
    void doubles(const QJsonArray &a, const char *key, std::vector<double> &out, bool allowNull);

private:
    std::vector<std::string> m_path;
    std::string m_error;
};

/// A 64-bit value as 16 hex digits, and back (JSON numbers cannot hold 64 bits).
QString hex64(std::uint64_t value);
bool parseHex64(const QString &text, std::uint64_t &value);

}  // namespace np

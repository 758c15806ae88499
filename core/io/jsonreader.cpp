#include "jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

std::optional<QJsonObject> parseJsonObject(const QByteArray &json, std::string &error)
{
    if (json.trimmed().isEmpty()) {
        error = "the file is empty";
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // A line as well as the offset: people open these files in editors.
        const auto offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        const qsizetype line = json.left(offset).count('\n') + 1;
        error = "not valid JSON (" + parseError.errorString().toStdString() + " at line " + std::to_string(line)
                + ", byte " + std::to_string(parseError.offset) + ")";
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error = "expected a JSON object at the top level";
        return std::nullopt;
    }
    return doc.object();
}

namespace {

const char *typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "true/false";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

std::string formatLimit(double v)
{
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

}  // namespace

void JsonReader::fail(const std::string &message)
{
    if (m_error.empty())
        m_error = m_path.empty() ? message : path() + ": " + message;
}

void JsonReader::failAt(const char *key, const std::string &message)
{
    if (m_error.empty())
        m_error = path(key) + ": " + message;
}

std::string JsonReader::path(const char *key) const
{
    std::string p;
    for (const std::string &part : m_path) {
        if (!p.empty() && part.front() != '[')
            p += '.';
        p += part;
    }
    if (key) {
        if (!p.empty())
            p += '.';
        p += key;
    }
    return p;
}

void JsonReader::allowOnly(const QJsonObject &object, std::initializer_list<const char *> keys)
{
    if (!ok())
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char *k : keys)
            known = known || it.key() == QLatin1String(k);
        if (!known) {
            fail("unknown key '" + it.key().toStdString() + "'");
            return;
        }
    }
}

bool JsonReader::object(const QJsonObject &parent, const char *key, QJsonObject &out, bool required)
{
    if (!ok())
        return false;
    if (!parent.contains(key)) {
        if (required)
            failAt(key, "missing");
        return false;
    }
    const QJsonValue v = parent.value(key);
    if (!v.isObject()) {
        failAt(key, std::string("expected an object, found ") + typeName(v));
        return false;
    }
    out = v.toObject();
    return true;
}

bool JsonReader::array(const QJsonObject &parent, const char *key, QJsonArray &out, bool required)
{
    if (!ok())
        return false;
    if (!parent.contains(key)) {
        if (required)
            failAt(key, "missing");
        return false;
    }
    const QJsonValue v = parent.value(key);
    if (!v.isArray()) {
        failAt(key, std::string("expected an array, found ") + typeName(v));
        return false;
    }
    out = v.toArray();
    return true;
}

void JsonReader::number(const QJsonObject &o, const char *key, double &out, double lo, double hi)
{
    if (!ok() || !o.contains(key))
        return;
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || !std::isfinite(d) || d < lo || d > hi) {
        failAt(key, "expected a number from " + formatLimit(lo) + " to " + formatLimit(hi) + ", found "
                        + (v.isDouble() ? formatLimit(d) : typeName(v)));
        return;
    }
    out = d;
}

void JsonReader::integer(const QJsonObject &o, const char *key, int &out, int lo, int hi)
{
    std::int64_t value = out;
    integer(o, key, value, lo, hi);
    out = static_cast<int>(value);
}

void JsonReader::integer(const QJsonObject &o, const char *key, std::int64_t &out, std::int64_t lo, std::int64_t hi)
{
    if (!ok() || !o.contains(key))
        return;
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(lo) || d > double(hi)) {
        failAt(key, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi)
                        + ", found " + (v.isDouble() ? formatLimit(d) : typeName(v)));
        return;
    }
    out = static_cast<std::int64_t>(d);
}

void JsonReader::seed(const QJsonObject &o, const char *key, std::uint64_t &out)
{
    std::int64_t value = static_cast<std::int64_t>(std::min<std::uint64_t>(out, 1ull << 53));
    integer(o, key, value, 0, std::int64_t(1) << 53);
    out = static_cast<std::uint64_t>(value);
}

void JsonReader::boolean(const QJsonObject &o, const char *key, bool &out)
{
    if (!ok() || !o.contains(key))
        return;
    const QJsonValue v = o.value(key);
    if (!v.isBool()) {
        failAt(key, std::string("expected true or false, found ") + typeName(v));
        return;
    }
    out = v.toBool();
}

void JsonReader::string(const QJsonObject &o, const char *key, std::string &out)
{
    if (!ok() || !o.contains(key))
        return;
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        failAt(key, std::string("expected a string, found ") + typeName(v));
        return;
    }
    out = v.toString().toStdString();
}

void JsonReader::floats(const QJsonObject &o, const char *key, std::vector<float> &out, long long length,
                        long long maxLength)
{
    if (!ok())
        return;
    if (!o.contains(key)) {
        failAt(key, "missing");
        return;
    }
    const QJsonValue v = o.value(key);
    if (v.isArray() && v.toArray().size() > maxLength) {
        failAt(key, "too many values (" + std::to_string(v.toArray().size()) + ")");
        return;
    }
    floats(v, key, out, length);
}

void JsonReader::floats(const QJsonValue &value, const std::string &name, std::vector<float> &out, long long length)
{
    if (!ok())
        return;
    if (!value.isArray()) {
        failAt(name.c_str(), std::string("expected an array, found ") + typeName(value));
        return;
    }
    const QJsonArray a = value.toArray();
    if (length >= 0 && a.size() != length) {
        failAt(name.c_str(), "expected " + std::to_string(length) + " values, found " + std::to_string(a.size()));
        return;
    }
    out.resize(static_cast<std::size_t>(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonValue v = a.at(i);
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || !std::isfinite(d) || std::abs(d) > std::numeric_limits<float>::max()) {
            failAt(name.c_str(), "value " + std::to_string(i) + " is not a finite single-precision number");
            return;
        }
        out[static_cast<std::size_t>(i)] = static_cast<float>(d);
    }
}

void JsonReader::doubles(const QJsonArray &a, const char *key, std::vector<double> &out, bool allowNull)
{
    if (!ok())
        return;
    out.resize(static_cast<std::size_t>(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonValue v = a.at(i);
        if (allowNull && v.isNull()) {
            out[static_cast<std::size_t>(i)] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || !std::isfinite(d)) {
            failAt(key, "value " + std::to_string(i) + " is not a finite number");
            return;
        }
        out[static_cast<std::size_t>(i)] = d;
    }
}

QString hex64(std::uint64_t value)
{
    return QString::number(value, 16).rightJustified(16, QLatin1Char('0'));
}

bool parseHex64(const QString &text, std::uint64_t &value)
{
    if (text.size() != 16)
        return false;
    std::uint64_t v = 0;
    for (const QChar c : text) {
        const int digit = c >= u'0' && c <= u'9' ? c.unicode() - u'0'
                          : c >= u'a' && c <= u'f' ? c.unicode() - u'a' + 10
                          : c >= u'A' && c <= u'F' ? c.unicode() - u'A' + 10
                                                   : -1;
        if (digit < 0)
            return false;
        v = v << 4 | static_cast<std::uint64_t>(digit);
    }
    value = v;
    return true;
}

}  // namespace np

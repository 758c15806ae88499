#include "csv.h"

#include "../common/atomicwrite.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

namespace np {

namespace {

constexpr int kMaxLabel = kMaxClasses - 1;
// Error messages quote what they found, but a garbage line may be megabytes long.
constexpr std::size_t kMaxQuotedChars = 40;

/// What a column holds. `Y` is either the second input or an output whose task is inferred.
enum class Column { X1, X2, Label, Target, Y, Split };

std::string lineError(int line, const std::string &message)
{
    return "line " + std::to_string(line) + ": " + message;
}

CsvReadResult failure(std::string error)
{
    CsvReadResult result;
    result.error = std::move(error);
    return result;
}

/// Text for a message: shortened and stripped of control bytes.
std::string shown(std::string_view text)
{
    std::string result;
    std::size_t end = text.size();
    bool shortened = false;
    if (end > kMaxQuotedChars) {
        end = kMaxQuotedChars;
        // Do not cut a UTF-8 sequence in half: back up over continuation bytes.
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        shortened = true;
    }
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        result += c < 0x20 || c == 0x7F ? '?' : text[i];
    }
    return shortened ? result + "..." : result;
}

std::string inQuotes(std::string_view text)
{
    return "'" + shown(text) + "'";
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lowercase(std::string_view text)
{
    std::string lower(text);
    for (char &c : lower) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

/// Splits one line at commas into trimmed fields. A field may be quoted ("a ""b"" c");
/// quoted fields spanning lines are not supported: numbers never need them.
bool splitFields(std::string_view line, std::vector<std::string> &fields, std::string &error)
{
    fields.clear();
    std::size_t i = 0;
    while (true) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        std::string field;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                field += line[i++];
            }
            if (!closed) {
                error = "a quoted field has no closing quote";
                return false;
            }
            while (i < line.size() && isSpace(line[i]))
                ++i;
            if (i < line.size() && line[i] != ',') {
                error = "unexpected text after a quoted field";
                return false;
            }
        } else {
            const std::size_t comma = std::min(line.find(',', i), line.size());
            field = trimmed(line.substr(i, comma - i));
            i = comma;
        }
        fields.push_back(std::move(field));
        if (i >= line.size())
            return true;
        ++i;  // the comma
    }
}

/// Parses a whole field as a finite double; on failure returns the reason.
std::string parseNumber(std::string_view field, int column, double &value)
{
    if (field.empty())
        return "field " + std::to_string(column + 1) + " is empty";
    std::string_view digits = field;
    // from_chars rejects a leading '+', which spreadsheets sometimes write.
    if (digits.size() > 1 && digits.front() == '+' && digits[1] != '-' && digits[1] != '+')
        digits.remove_prefix(1);
    const char *end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (ec == std::errc::result_out_of_range)
        return inQuotes(field) + " is out of range";
    if (ec != std::errc() || ptr != end)
        return inQuotes(field) + " is not a number";
    if (!std::isfinite(value))
        return "non-finite value " + inQuotes(field);
    return {};
}

bool isNumber(std::string_view field)
{
    double value = 0.0;
    if (field.size() > 1 && field.front() == '+')
        field.remove_prefix(1);
    const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    return !field.empty() && ptr == field.data() + field.size()
           && (ec == std::errc() || ec == std::errc::result_out_of_range);
}

bool parseSplit(std::string_view field, bool &validation)
{
    const std::string value = lowercase(field);
    if (value.empty() || value == "train") {
        validation = false;
        return true;
    }
    if (value == "validation" || value == "val") {
        validation = true;
        return true;
    }
    return false;
}

bool columnForName(const std::string &name, Column &column)
{
    static constexpr std::array<std::pair<const char *, Column>, 9> names{{
        {"x1", Column::X1},
        {"x", Column::X1},
        {"x2", Column::X2},
        {"y", Column::Y},
        {"label", Column::Label},
        {"class", Column::Label},
        {"target", Column::Target},
        {"value", Column::Target},
        {"split", Column::Split},
    }};
    for (const auto &[text, role] : names) {
        if (name == text) {
            column = role;
            return true;
        }
    }
    return false;
}

/// Gives each header field its role; 'y' is the second input unless x2 is named.
std::string parseHeader(const std::vector<std::string> &fields, std::vector<Column> &columns)
{
    columns.clear();
    for (const std::string &field : fields) {
        Column column;
        if (!columnForName(lowercase(field), column))
            return "unknown column " + inQuotes(field)
                   + " (expected x1, x2, label or target, and optionally split)";
        columns.push_back(column);
    }
    const auto count = [&](Column c) { return std::count(columns.begin(), columns.end(), c); };
    if (count(Column::X2) == 0 && count(Column::Y) > 0)
        *std::find(columns.begin(), columns.end(), Column::Y) = Column::X2;

    const std::pair<Column, const char *> single[] = {
        {Column::X1, "x1"}, {Column::X2, "x2"}, {Column::Split, "split"}};
    for (const auto &[column, name] : single) {
        if (count(column) > 1)
            return std::string("the header has more than one ") + name + " column";
    }
    const auto outputs = count(Column::Label) + count(Column::Target) + count(Column::Y);
    if (count(Column::X1) == 0)
        return "the header has no x1 column";
    if (count(Column::X2) == 0)
        return "the header has no x2 column";
    if (outputs == 0)
        return "the header has no label or target column";
    if (outputs > 1)
        return "the header has more than one label or target column";
    return {};
}

/// Reads one data row laid out as `columns`. A 'y' column's value is kept in `target` until
/// the whole file tells whether it is a class label.
std::string parseRow(const std::vector<std::string> &fields, const std::vector<Column> &columns,
                     DataPoint &point)
{
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const std::string &field = fields[c];
        if (columns[c] == Column::Split) {
            if (!parseSplit(field, point.validation))
                return "split " + inQuotes(field) + " is neither 'train' nor 'validation'";
            continue;
        }
        double value = 0.0;
        std::string error = parseNumber(field, static_cast<int>(c), value);
        if (!error.empty())
            return error;
        switch (columns[c]) {
        case Column::X1:
            point.x1 = value;
            break;
        case Column::X2:
            point.x2 = value;
            break;
        case Column::Label:
            if (value != std::floor(value))
                return "class label " + shown(field) + " is not a whole number";
            if (value < 0 || value > kMaxLabel)
                return "class label " + shown(field) + " is outside 0.."
                       + std::to_string(kMaxLabel);
            point.label = static_cast<int>(value);
            break;
        case Column::Target:
        case Column::Y:
            point.target = value;
            break;
        case Column::Split:
            break;
        }
    }
    return {};
}

/// Iterates over the lines of a text, accepting \n, \r\n and a lone \r as line ends.
class LineReader
{
public:
    explicit LineReader(std::string_view text) : m_text(text) {}

    bool next(std::string_view &line)
    {
        if (m_pos >= m_text.size())
            return false;
        const std::size_t end = std::min(m_text.find_first_of("\r\n", m_pos), m_text.size());
        line = m_text.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        if (end + 1 < m_text.size() && m_text[end] == '\r' && m_text[end + 1] == '\n')
            ++m_pos;
        ++m_number;
        return true;
    }
    int number() const { return m_number; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_number = 0;
};

void appendNumber(std::string &out, double value)
{
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
}

}  // namespace

CsvReadResult parseCsv(std::string_view text)
{
    if (text.size() > kMaxCsvBytes)
        return failure("the data is too large (" + std::to_string(text.size())
                       + " bytes; the limit is " + std::to_string(kMaxCsvBytes) + ")");
    if (text.find('\0') != std::string_view::npos)
        return failure("the data contains binary content (a NUL byte)");
    // Spreadsheets often start UTF-8 files with a byte order mark.
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);

    std::vector<Column> columns;  // empty until the first content line fixes the layout
    bool inferTask = true;
    Task task = Task::Classification;
    std::vector<DataPoint> points;
    std::vector<std::string> fields;
    std::string error;

    LineReader reader(text);
    std::string_view line;
    while (reader.next(line)) {
        const int number = reader.number();
        line = trimmed(line);
        if (line.empty() || line.front() == '#')
            continue;
        if (!splitFields(line, fields, error))
            return failure(lineError(number, error));

        if (columns.empty()) {
            // A header names columns; a line holding any number is already data.
            if (std::none_of(fields.begin(), fields.end(), isNumber)) {
                error = parseHeader(fields, columns);
                if (!error.empty())
                    return failure(lineError(number, error));
                const auto has = [&](Column c) {
                    return std::find(columns.begin(), columns.end(), c) != columns.end();
                };
                inferTask = has(Column::Y);
                task = has(Column::Target) ? Task::Regression : Task::Classification;
                continue;
            }
            columns = {Column::X1, Column::X2, Column::Y};
            if (fields.size() == 4)
                columns.push_back(Column::Split);
        }

        if (fields.size() != columns.size())
            return failure(lineError(number, "expected " + std::to_string(columns.size())
                                                 + " fields, found "
                                                 + std::to_string(fields.size())));
        if (points.size() >= static_cast<std::size_t>(kMaxCsvPoints))
            return failure("more than " + std::to_string(kMaxCsvPoints) + " data points");
        DataPoint point;
        error = parseRow(fields, columns, point);
        if (!error.empty())
            return failure(lineError(number, error));
        points.push_back(point);
    }
    if (points.empty())
        return failure("the file contains no data points");

    if (inferTask) {
        const bool allLabels = std::all_of(points.begin(), points.end(), [](const DataPoint &p) {
            return p.target == std::floor(p.target) && p.target >= 0 && p.target <= kMaxLabel;
        });
        task = allLabels ? Task::Classification : Task::Regression;
        if (allLabels) {
            for (DataPoint &p : points) {
                p.label = static_cast<int>(p.target);
                p.target = 0.0;
            }
        }
    }

    Dataset dataset;
    dataset.task = task;
    if (task == Task::Classification) {
        int maxLabel = 0;
        for (const DataPoint &p : points)
            maxLabel = std::max(maxLabel, p.label);
        dataset.classCount = std::max(kMinClasses, maxLabel + 1);
    }
    dataset.points = std::move(points);
    CsvReadResult result;
    result.dataset = std::move(dataset);
    return result;
}

CsvReadResult readCsvFile(const std::string &path)
{
    std::string bytes;
    std::string error = readFile(path, bytes, kMaxCsvBytes);
    if (!error.empty())
        return failure(std::move(error));  // already names the file
    CsvReadResult result = parseCsv(bytes);
    if (!result.error.empty())
        result.error = path + ": " + result.error;
    return result;
}

std::string formatCsv(const Dataset &dataset)
{
    const bool classification = dataset.isClassification();
    std::string out = classification ? "x1,x2,label,split\n" : "x1,x2,target,split\n";
    out.reserve(out.size() + dataset.points.size() * 48);
    for (const DataPoint &p : dataset.points) {
        appendNumber(out, p.x1);
        out += ',';
        appendNumber(out, p.x2);
        out += ',';
        if (classification)
            out += std::to_string(p.label);
        else
            appendNumber(out, p.target);
        out += p.validation ? ",validation\n" : ",train\n";
    }
    return out;
}

std::string writeCsvFile(const std::string &path, const Dataset &dataset)
{
    return writeFileAtomically(path, formatCsv(dataset));
}

}  // namespace np

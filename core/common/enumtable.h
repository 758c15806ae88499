#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

namespace np {

/// An enumerator's stable key (saved files, lessons, the command line) and the title users read.
template <typename E>
struct EnumName
{
    E value;
    const char *key;
    const char *title = "";
};

namespace detail {

/// True when V is a named enumerator of its type. C++20 has no reflection; but GCC and Clang
/// spell a template argument that names an enumerator by its name ("np::Loss::Hinge") and any
/// other value as a cast ("(np::Loss)5"). Elsewhere this says false, and a table's end goes
/// unchecked.
template <auto V>
consteval bool namesAnEnumerator()
{
#if defined(__GNUC__) || defined(__clang__)
    const std::string_view signature = __PRETTY_FUNCTION__;
    const std::size_t at = signature.rfind("V = ");
    return at != std::string_view::npos && at + 4 < signature.size() && signature[at + 4] != '(';
#else
    return false;
#endif
}

// Never defined: a table that breaks a rule reaches one of these while it is built at compile
// time, and the compiler's error names the rule.
void enumTableRowIsOutOfOrder();
void enumTableKeyIsRepeated();

}  // namespace detail

/// A table with one row per enumerator of an enum, in declaration order, so a value finds its
/// row by index: keys and titles, or richer rows (an activation's formula, a generator's class
/// range). Build it with enumNames() or enumTable(); it does not compile unless it covers the
/// enum exactly, in order, with distinct keys.
///
/// Value and Key are the members of Row holding the enumerator and its key.
template <typename Row, std::size_t N, auto Value, auto Key>
class EnumTable
{
public:
    using Enum = std::remove_cvref_t<decltype(std::declval<const Row &>().*Value)>;
    static_assert(std::is_enum_v<Enum>);
    static_assert(!detail::namesAnEnumerator<static_cast<Enum>(N)>(),
                  "the table misses the enum's last enumerators");

    consteval explicit EnumTable(const Row (&rows)[N])
    {
        for (std::size_t i = 0; i < N; ++i) {
            if (static_cast<std::size_t>(rows[i].*Value) != i)
                detail::enumTableRowIsOutOfOrder();
            for (std::size_t j = 0; j < i; ++j) {
                if (std::string_view(rows[i].*Key) == std::string_view(rows[j].*Key))
                    detail::enumTableKeyIsRepeated();
            }
            m_rows[i] = rows[i];
        }
    }

    /// The row of an enumerator; a value that is none (a corrupted cast) gets the first row
    /// rather than a read past the end.
    constexpr const Row &operator[](Enum value) const
    {
        const Row *row = find(value);
        return row ? *row : m_rows[0];
    }
    /// The row of a value, or nullptr when the value is no enumerator (a corrupted cast).
    constexpr const Row *find(Enum value) const
    {
        const auto i = static_cast<std::size_t>(value);
        return i < N ? &m_rows[i] : nullptr;
    }
    constexpr const char *key(Enum value) const { return (*this)[value].*Key; }
    constexpr const char *title(Enum value) const { return (*this)[value].title; }

    /// Sets value to the enumerator whose key is `key`; false (value unchanged) when there is none.
    constexpr bool parse(std::string_view key, Enum &value) const
    {
        for (const Row &row : m_rows) {
            if (key == row.*Key) {
                value = row.*Value;
                return true;
            }
        }
        return false;
    }

    /// Every row, in the enum's order.
    constexpr std::span<const Row> rows() const { return m_rows; }
    static constexpr std::size_t size() { return N; }

private:
    std::array<Row, N> m_rows{};
};

/// A key/title table: enumNames<Loss>({{Loss::Squared, "squared", "Squared error"}, ...}).
template <typename E, std::size_t N>
consteval auto enumNames(const EnumName<E> (&rows)[N])
{
    return EnumTable<EnumName<E>, N, &EnumName<E>::value, &EnumName<E>::key>(rows);
}

/// A table of richer rows: enumTable<ActivationInfo, &ActivationInfo::activation,
/// &ActivationInfo::key>({...}).
template <typename Row, auto Value, auto Key, std::size_t N>
consteval auto enumTable(const Row (&rows)[N])
{
    return EnumTable<Row, N, Value, Key>(rows);
}

}  // namespace np

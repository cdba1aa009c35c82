#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <optional>

namespace ms::core {

enum class Modality : std::uint8_t { Visual = 0, Audio = 1, Text = 2 };

inline constexpr std::array<Modality, 3> kAllModalities = {Modality::Visual, Modality::Audio,
                                                           Modality::Text};

// "V", "A", "T": the letters used in dataset names (AV-CMSD) and CSV columns.
QString modalityLetter(Modality m);
// "visual", "audio", "textual": the words of the taxonomy file and the GUI.
QString modalityName(Modality m);
// Accepts the letter, the word, or "text"; case-insensitive.
std::optional<Modality> parseModality(const QString &text);

// A set of modalities as a 3-bit mask; value type, cheap to copy.
class ModalitySet
{
public:
    constexpr ModalitySet() = default;
    constexpr ModalitySet(std::initializer_list<Modality> ms)
    {
        for (Modality m : ms)
            m_bits |= bit(m);
    }
    static constexpr ModalitySet fromBits(std::uint8_t bits)
    {
        ModalitySet s;
        s.m_bits = bits & 0x7;
        return s;
    }
    constexpr bool contains(Modality m) const { return (m_bits & bit(m)) != 0; }
    constexpr void insert(Modality m) { m_bits |= bit(m); }
    constexpr bool isEmpty() const { return m_bits == 0; }
    constexpr bool intersects(ModalitySet o) const { return (m_bits & o.m_bits) != 0; }
    constexpr std::uint8_t bits() const { return m_bits; }
    constexpr bool operator==(const ModalitySet &) const = default;
    // Letters in the paper's order for dataset names: "AV", "AT", "VT", "AVT".
    QString letters() const;
    // Letters in modality order joined by '|' ("V|A"), as attribution-error
    // columns write them; empty for the empty set.
    QString codes() const;
    // Parses letters in any order ("VA" == "AV"); nullopt on anything else.
    static std::optional<ModalitySet> parseLetters(const QString &text);

private:
    static constexpr std::uint8_t bit(Modality m) { return std::uint8_t(1u << unsigned(m)); }
    std::uint8_t m_bits = 0;
};

} // namespace ms::core

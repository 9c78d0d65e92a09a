using System.Globalization;
using System.Text;

namespace RomApi.Text;

/// <summary>
/// The one rule for text the API takes (names, descriptions, addresses, filters): what PostgreSQL and UTF-8 cannot hold, and what
/// would let text display as something it is not. Checked before anything is written or queried.
/// </summary>
public static class TextChecks
{
    /// <summary>The rule as the OpenAPI documents state it for the bodies that carry names and free text.</summary>
    public const string Rule =
        "Text fields refuse control characters (tab, CR and LF allowed), unpaired surrogates, and, per Unicode UTS #39 and UTS #55, " +
        "bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and invisible characters (zero-width space " +
        "U+200B, word joiner U+2060, U+FEFF, soft hyphen, Hangul fillers, tags...): 422 naming the field and the code point, nothing is " +
        "stripped. Kept: a zero-width joiner or non-joiner between two visible characters, variation selectors, emoji flag tags.";

    /// <summary>
    /// Null for acceptable text, else why not: NUL and other control characters (PostgreSQL refuses NUL), unpaired UTF-16
    /// surrogates (not encodable as UTF-8), and, following Unicode's security guidance (UTS #39 section 3.1, UTS #55 section 2),
    /// bidirectional formatting controls and invisible (default-ignorable) characters, named by code point. Tabs and new lines
    /// are fine; so are the joiners and variation selectors that emoji and some scripts need (see <see cref="InvisibleProblem"/>).
    /// </summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate";
            }
            if (char.IsLowSurrogate(c))
            {
                return "contains an unpaired surrogate";
            }
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return "contains control characters";
            }
        }
        return InvisibleProblem(text);
    }

    /// <summary>
    /// Bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are refused everywhere: they reorder how
    /// text shows (a name ending in U+202E "gpj.exe" shows as "exe.jpg"). Other default-ignorable code points (zero-width space
    /// U+200B, word joiner U+2060, U+FEFF, soft hyphen, Hangul fillers, tags...) are refused because they make two different
    /// names look the same or a name look empty. Allowed in context, as emoji and scripts such as Persian and Hindi need them:
    /// a zero-width joiner or non-joiner (U+200D, U+200C) between two visible characters, a variation selector after a visible
    /// character, and tag characters inside an emoji tag sequence (a subdivision flag).
    /// </summary>
    private static string? InvisibleProblem(string text)
    {
        var previousVisible = false;
        var inTagSequence = false;
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var rune = Rune.GetRuneAt(text, i);
            var code = rune.Value;
            if (IsBidiControl(code))
            {
                return $"contains a bidirectional control character (U+{code:X4}), which changes how text is displayed";
            }
            if (!IsDefaultIgnorable(code))
            {
                previousVisible = !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune);
                inTagSequence = code == 0x1F3F4;
                continue;
            }
            var next = i + rune.Utf16SequenceLength;
            var allowed = code switch
            {
                0x200C or 0x200D => previousVisible && next < text.Length && IsVisible(Rune.GetRuneAt(text, next)),
                (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0x180B and <= 0x180D) or 0x180F => previousVisible,
                >= 0xE0020 and <= 0xE007F => inTagSequence,
                _ => false,
            };
            if (!allowed)
            {
                return $"contains an invisible character (U+{code:X4}) that can make text look like other text";
            }
            // A joiner joins the next visible character; selectors and tags keep the character they follow visible.
            previousVisible = code is not (0x200C or 0x200D) && previousVisible;
            inTagSequence = inTagSequence && code != 0xE007F;
        }
        return null;
    }

    private static bool IsVisible(Rune rune) =>
        !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune) && !IsDefaultIgnorable(rune.Value) &&
        Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format;

    private static bool IsBidiControl(int code) =>
        code is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>Default_Ignorable_Code_Point of Unicode's DerivedCoreProperties.txt (Unicode 15.1).</summary>
    private static bool IsDefaultIgnorable(int code) => code switch
    {
        0x00AD or 0x034F or 0x061C or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x115F and <= 0x1160 => true,
        >= 0x17B4 and <= 0x17B5 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };
}

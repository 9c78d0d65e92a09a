using System.Globalization;
using System.Text;

namespace RomApi.Text;

/// <summary>
/// Case- and accent-insensitive forms of text, one place for both services. They differ on purpose, and their names say how:
/// <see cref="Fold"/> keeps every character but the case and the accents ("Saint-Étienne" -> "saint-etienne"; search's keys);
/// <see cref="FoldToWords"/> keeps letters and digits only, ligatures spelt out ("L'Œuvre" -> "l oeuvre"; the gazetteer's keys);
/// <see cref="Slugify"/> is <see cref="FoldToWords"/> joined by dashes. The two keys are never compared with each other.
/// </summary>
public static class TextFolding
{
    public const int MaxSlugLength = 200;

    /// <summary>
    /// Trimmed, lower case, accents removed (canonical decomposition, marks dropped, recomposed); punctuation, inner spaces and
    /// letters without a decomposition (œ, ß) kept. Search's exact-match keys (city, region, name prefix), stop words and category
    /// synonyms compare in this form; its index stores these keys, so a change here needs a rebuild of the index.
    /// </summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Lower-case ASCII letters and digits only: accents removed (compatibility decomposition, so "ﬁ" is "fi"), ligatures and
    /// letters without a decomposition spelt out (œ -> oe, ß -> ss), every run of anything else one space, trimmed. The
    /// gazetteer's key for place names ("Ngaoundéré", "NGAOUNDERE" and "ngaoundere!" are one place).
    /// </summary>
    public static string FoldToWords(string text) => Join(text, ' ', int.MaxValue);

    /// <summary>Lower-case ASCII letters and digits joined by single dashes; empty when nothing survives (emoji only, say).</summary>
    public static string Slugify(string text) => Join(text, '-', MaxSlugLength);

    private static string Join(string text, char separator, int maxLength)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(Math.Min(decomposed.Length, 256));
        var pendingSeparator = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var folded = Transliterate(char.ToLowerInvariant(c));
            if (folded is null)
            {
                pendingSeparator = result.Length > 0;
                continue;
            }
            if (pendingSeparator)
            {
                result.Append(separator);
                pendingSeparator = false;
            }
            result.Append(folded);
            if (result.Length >= maxLength)
            {
                break;
            }
        }
        var value = result.Length > maxLength ? result.ToString(0, maxLength) : result.ToString();
        return value.TrimEnd(separator);
    }

    // Letters that do not decompose into a base letter plus a mark.
    private static string? Transliterate(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        'ø' => "o",
        'đ' or 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        _ => null,
    };
}

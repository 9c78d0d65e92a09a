using System.Globalization;
using System.Text;

namespace RomApi.ResourceService.Text;

/// <summary>Accent- and case-insensitive forms of text: "Café Étoile" folds to "cafe etoile" and slugs to "cafe-etoile".</summary>
public static class TextFolding
{
    public const int MaxSlugLength = 200;

    /// <summary>Lower case, accents removed, every run of non-alphanumerics turned into one space, trimmed.</summary>
    public static string Fold(string text) => Join(text, ' ', int.MaxValue);

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

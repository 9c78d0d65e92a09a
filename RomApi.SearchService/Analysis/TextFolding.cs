using System.Globalization;
using System.Text;

namespace RomApi.SearchService.Analysis;

/// <summary>Lower case without accents ("Yaoundé" -> "yaounde"): the form exact-match filters and synonym keys compare in.</summary>
public static class TextFolding
{
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
}

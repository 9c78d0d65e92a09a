namespace RomApi.ServiceDefaults.Text;

/// <summary>What PostgreSQL text columns and UTF-8 cannot hold, checked before anything is written or queried.</summary>
public static class TextChecks
{
    /// <summary>
    /// Null for acceptable text, else why not: NUL and other control characters (PostgreSQL refuses NUL) and
    /// unpaired UTF-16 surrogates (not encodable as UTF-8). Tabs and new lines are fine.
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
        return null;
    }
}

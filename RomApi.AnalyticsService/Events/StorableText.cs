namespace RomApi.AnalyticsService.Events;

/// <summary>
/// PostgreSQL refuses NUL in text and jsonb and lone UTF-16 surrogates anywhere; one such value would fail the whole COPY
/// batch, so ingestion checks for them up front and refuses (or cleans) the one event instead.
/// </summary>
public static class StorableText
{
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /// <summary>Raw JSON text: no \u0000 escape and no escaped lone surrogate (jsonb decodes escapes).</summary>
    public static bool IsStorableJson(string json)
    {
        var pendingHigh = false;
        for (var i = json.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 6 <= json.Length; i = json.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            if (IsEscapedBackslash(json, i))
            {
                continue;
            }
            if (!int.TryParse(json.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                return false;
            }
            var adjacent = pendingHigh && i >= 6 && json[i - 6] == '\\';
            if (code == 0 || (code is >= 0xDC00 and <= 0xDFFF && !adjacent))
            {
                return false;
            }
            if (pendingHigh && !(code is >= 0xDC00 and <= 0xDFFF))
            {
                return false;
            }
            pendingHigh = code is >= 0xD800 and <= 0xDBFF;
            if (pendingHigh && (i + 12 > json.Length || json[i + 6] != '\\' || json[i + 7] != 'u'))
            {
                return false;
            }
        }
        return !pendingHigh;
    }

    public static string Clean(string text)
    {
        if (IsStorable(text))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var pairedHigh = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            if (pairedHigh)
            {
                i++;
            }
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>True when the backslash at <paramref name="index"/> is itself escaped (preceded by an odd run of backslashes).</summary>
    private static bool IsEscapedBackslash(string json, int index)
    {
        var run = 0;
        for (var j = index - 1; j >= 0 && json[j] == '\\'; j--)
        {
            run++;
        }
        return run % 2 == 1;
    }
}

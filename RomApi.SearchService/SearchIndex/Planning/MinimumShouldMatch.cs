namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>
/// How many of a query's words a resource must contain, written in Elasticsearch's minimum_should_match syntax so both engines
/// read the same rule: space-separated "N&lt;value" conditions, each applying when the query has more than N words; value is a
/// count or a percentage, negative meaning "may miss". Without a condition that applies, every word is required.
/// </summary>
public sealed class MinimumShouldMatch
{
    /// <summary>Up to 2 words: all; 3 to 5: all but one; more: at least 60 %, rounded down as Elasticsearch does.</summary>
    public const string DefaultSpec = "2<-1 5<60%";

    private readonly List<(int Above, string Value)> _conditions = [];

    public MinimumShouldMatch(string spec)
    {
        Spec = spec;
        foreach (var part in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('<', StringComparison.Ordinal);
            if (at <= 0 || !int.TryParse(part[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var above) || !IsValue(part[(at + 1)..]))
            {
                throw new FormatException($"'{part}' is not a minimum_should_match condition such as 2<-1 or 5<60%.");
            }
            _conditions.Add((above, part[(at + 1)..]));
        }
        _conditions.Sort((x, y) => x.Above.CompareTo(y.Above));
    }

    public static MinimumShouldMatch Default { get; } = new(DefaultSpec);

    public string Spec { get; }

    /// <summary>The number of the <paramref name="words"/> that must match (at least 1 when there are words).</summary>
    public int Required(int words)
    {
        var rule = _conditions.LastOrDefault(condition => words > condition.Above).Value;
        if (rule is null)
        {
            return words;
        }
        var negative = rule.StartsWith('-');
        var magnitude = rule.TrimStart('-');
        int count = magnitude.EndsWith('%')
            ? (int)Math.Floor(words * int.Parse(magnitude[..^1], CultureInfo.InvariantCulture) / 100.0)
            : int.Parse(magnitude, CultureInfo.InvariantCulture);
        var required = negative ? words - count : count;
        return Math.Clamp(required, Math.Min(1, words), words);
    }

    private static bool IsValue(string value)
    {
        var digits = value.TrimStart('-');
        digits = digits.EndsWith('%') ? digits[..^1] : digits;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }
}

using System.Globalization;

namespace RomApi.Tests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text scrape.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static double Sum(string scrape, string metric, params (string Name, string Value)[] labels) =>
        scrape.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value == metric)
            .Where(match => labels.All(label => match.Groups["labels"].Value.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\}\s+(?<value>\S+)")]
    private static partial Regex Sample();
}

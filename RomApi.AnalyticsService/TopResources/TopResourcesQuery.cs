using System.Text.RegularExpressions;

namespace RomApi.AnalyticsService.TopResources;

/// <summary>Parses the query values of the top list; each parser returns null when the value is unusable.</summary>
public static partial class TopResourcesQuery
{
    [GeneratedRegex("^(?<amount>[0-9]{1,4})(?<unit>[hd])$")]
    private static partial Regex PeriodPattern();

    /// <summary>"24h" or "7d" style windows, at least one hour and at most <paramref name="maxDays"/> days.</summary>
    public static TimeSpan? ParsePeriod(string value, int maxDays)
    {
        var match = PeriodPattern().Match(value.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var window = match.Groups["unit"].Value == "h" ? TimeSpan.FromHours(amount) : TimeSpan.FromDays(amount);
        return window >= TimeSpan.FromHours(1) && window <= TimeSpan.FromDays(maxDays) ? window : null;
    }

    /// <summary>A recent window and a list length, shared by the top lists (resources, search queries).</summary>
    public sealed record Window(string Period, DateTimeOffset From, DateTimeOffset To, int Limit);

    public static (Window? Window, ErrorResult? Error) ParseWindow(string? period, int? limit, TopResourcesOptions settings, DateTimeOffset now)
    {
        var periodText = period ?? settings.DefaultPeriod;
        if (ParsePeriod(periodText, settings.MaxPeriodDays) is not { } span)
        {
            return (null, ApiErrors.BadParameter("period", $"must look like 24h or 7d (1 hour to {settings.MaxPeriodDays} days)."));
        }
        var take = limit ?? settings.DefaultLimit;
        if (take < 1 || take > settings.MaxLimit)
        {
            return (null, ApiErrors.BadParameter("limit", $"must be between 1 and {settings.MaxLimit}."));
        }
        return (new Window(periodText, now - span, now, take), null);
    }
}

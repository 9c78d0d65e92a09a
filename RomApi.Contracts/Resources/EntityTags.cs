namespace RomApi.Contracts.Resources;

/// <summary>
/// A resource's entity tag (<c>"v{version}"</c>) and the If-Match / If-None-Match comparison: one definition for the resource
/// service, which sets and checks them, and the gateway's response cache, which must answer a conditional read as the service would.
/// </summary>
public static class ETags
{
    public static string For(int version) => $"\"v{version}\"";

    /// <summary>True when an If-Match / If-None-Match header names this version (or is "*").</summary>
    public static bool Matches(string? header, int version) => Matches(header, For(version));

    /// <summary>True when an If-Match / If-None-Match header names <paramref name="current"/> (or is "*"); weak tags compare alike.</summary>
    public static bool Matches(string? header, string current)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "*" || tag == current)
            {
                return true;
            }
        }
        return false;
    }
}

namespace RomApi.ResourceService.Caching;

/// <summary>
/// A resource as cached: its JSON (the API's view) plus what visibility checks need without parsing it.
/// A deleted resource is cached as a tombstone (<see cref="Json"/> empty), so a delete is never undone by a late cache fill.
/// </summary>
public sealed record CachedResource(int Version, ReadOnlyMemory<byte> Json, ResourceStatus Status, Guid? UserId, string Slug)
{
    public bool IsDeleted => Json.IsEmpty;

    public string ETag => ETags.For(Version);
}

public static class ETags
{
    public static string For(int version) => $"\"v{version}\"";

    /// <summary>True when an If-Match / If-None-Match header names this version (or is "*").</summary>
    public static bool Matches(string? header, int version)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        var current = For(version);
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

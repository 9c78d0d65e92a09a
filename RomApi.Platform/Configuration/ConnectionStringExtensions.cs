using Microsoft.Extensions.Configuration;
using System.Data.Common;

namespace RomApi.Platform.Configuration;

public static class ConnectionStringExtensions
{
    /// <summary>The named connection string, or a start-up failure that says which variable to set (never its value).</summary>
    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing: set ConnectionStrings__{name} (the AppHost does).");

    /// <summary>Reads one key of a "Key=Value;Key=Value" connection string; null when absent or empty.</summary>
    public static string? GetConnectionStringPart(this IConfiguration configuration, string name, string key)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString(name) ?? "" };
        return builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;
    }
}

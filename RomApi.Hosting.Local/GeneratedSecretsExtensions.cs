using System.Security.Cryptography;
using System.Text.Json;

namespace RomApi.Hosting.Local;

/// <summary>
/// Run mode's secret parameters: configuration first (<c>Parameters__{name}</c>, the AppHost's user secrets), else a value
/// generated once and kept in the data folder's <c>parameters.json</c> (mode 0600). The secrets live with the data they protect:
/// a PostgreSQL cluster keeps the password it was created with, and each data folder (a test's throw-away one included) has its
/// own. Publish mode leaves the values to the deployer (the manifest asks Aspirate to generate them).
/// </summary>
public static class GeneratedSecretsExtensions
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    public const string FileName = "parameters.json";

    /// <summary>A secret parameter that Aspirate can generate (<c>default.generate</c> in the manifest), kept as above in run mode.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name, int length = 32)
    {
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]))
        {
            builder.Configuration[$"Parameters:{name}"] = KeptValue(builder.DataDirectory(), name, length);
        }
        return builder.AddParameter(name, new GenerateParameterDefault { MinLength = length, Special = false }, secret: true);
    }

    private static string KeptValue(string dataDirectory, string name, int length)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var stored = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : [];
        if (stored.TryGetValue(name, out var value))
        {
            return value;
        }
        value = RandomNumberGenerator.GetString(Alphabet, length);
        stored[name] = value;
        File.WriteAllText(path, JsonSerializer.Serialize(stored, new JsonSerializerOptions { WriteIndented = true }));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return value;
    }
}

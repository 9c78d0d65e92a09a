using System.Text.Json;
using System.Text.Json.Nodes;

namespace RomApi.Loader;

/// <summary>
/// Finds the admin's password as the AppHost sets it: --password, ROMAPI_ADMIN_PASSWORD, Parameters__admin-password, then the
/// value the AppHost generated and kept in a parameters.json (the AppHost__DataDirectory folder, this checkout's default data folder),
/// the AppHost's user secrets (Parameters:admin-password), and any other AppHost data folder when there is exactly one.
/// </summary>
public static class AdminPassword
{
    public const string Parameter = "admin-password";

    public static (string Password, string Source) Find(string? given, string? root)
    {
        if (given is not null)
        {
            return (given, "--password");
        }
        foreach (var variable in new[] { "ROMAPI_ADMIN_PASSWORD", $"Parameters__{Parameter}" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                return (value, variable);
            }
        }

        var looked = new List<string>();
        var files = new List<string>();
        // The AppHost keeps the secrets it generated in its data folder's parameters.json; one set by hand may be in its user secrets.
        if (Environment.GetEnvironmentVariable("AppHost__DataDirectory") is { Length: > 0 } configured)
        {
            files.Add(Path.Combine(configured, "parameters.json"));
        }
        if (root is not null)
        {
            files.Add(Path.Combine(Repository.AppHostDataDirectory(root), "parameters.json"));
            if (Repository.AppHostUserSecretsId(root) is { } secretsId)
            {
                files.Add(Path.Combine(Repository.Home(), ".microsoft", "usersecrets", secretsId, "secrets.json"));
            }
        }
        foreach (var file in files)
        {
            looked.Add(file);
            if (Read(file) is { } found)
            {
                return (found, file);
            }
        }
        // Another checkout's AppHost (the loader run from elsewhere): only when there is no doubt which one.
        var others = Repository.DataHomes().Where(Directory.Exists)
            .SelectMany(home => Directory.EnumerateDirectories(home, "romapi.apphost-*"))
            .Select(folder => Path.Combine(folder, "parameters.json"))
            .Where(file => !files.Contains(file) && File.Exists(file))
            .ToList();
        if (others.Count == 1 && Read(others[0]) is { } only)
        {
            return (only, others[0]);
        }
        looked.AddRange(others);

        throw new LoaderException(ExitCodes.NoCredentials,
            $"No admin password: pass --password or set ROMAPI_ADMIN_PASSWORD (the AppHost's {Parameter} parameter; looked in {string.Join(", ", looked.Distinct())}).");
    }

    private static string? Read(string file)
    {
        try
        {
            if (!File.Exists(file) || JsonNode.Parse(File.ReadAllText(file)) is not JsonObject json)
            {
                return null;
            }
            // parameters.json: {"admin-password": "..."}; user secrets: {"Parameters:admin-password": "..."} or nested.
            return (json[Parameter] ?? json[$"Parameters:{Parameter}"] ?? json["Parameters"]?[Parameter])?.GetValue<string>();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}

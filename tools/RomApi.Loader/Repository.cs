using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace RomApi.Loader;

/// <summary>Where the ROMAPI checkout is: found above the working folder, else above the loader itself.</summary>
public static class Repository
{
    public static string? FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RomApi.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        return null;
    }

    /// <summary>The data folder: --data as given, else the checkout's data/.</summary>
    public static string ResolveDataDirectory(string? given, string? root)
    {
        if (given is not null)
        {
            return Directory.Exists(given)
                ? given
                : throw new LoaderException(ExitCodes.DataMissing,
                    $"Data folder not found: {Path.GetFullPath(given)}. Pass --data <folder with osm-pois-cm.jsonl and public-apis.jsonl> (the repository's data/).");
        }
        if (root is not null && Directory.Exists(Path.Combine(root, "data")))
        {
            return Path.Combine(root, "data");
        }
        throw new LoaderException(ExitCodes.DataMissing,
            $"No data folder: {Environment.CurrentDirectory} is not inside a ROMAPI checkout. Pass --data <the repository's data/ folder>.");
    }

    /// <summary>
    /// The AppHost's default data folder for this checkout, as the AppHost names it: /var/lib/romapi/romapi.apphost-&lt;hash&gt; as
    /// root, else $XDG_DATA_HOME (~/.local/share)/romapi/romapi.apphost-&lt;hash&gt;, the hash being of the AppHost folder's path.
    /// </summary>
    public static string AppHostDataDirectory(string root)
    {
        var appHost = Path.GetFullPath(Path.Combine(root, "RomApi.AppHost"));
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHost)))[..10];
        var name = $"{new DirectoryInfo(appHost).Name.ToLowerInvariant()}-{key}";
        return Path.Combine(DataHomes().First(), name);
    }

    /// <summary>The folders that hold AppHost data folders: /var/lib/romapi as root, the XDG data home's romapi/ otherwise (both are looked in).</summary>
    public static IEnumerable<string> DataHomes()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Home(), ".local", "share");
        }
        var user = Path.Combine(dataHome, "romapi");
        return Environment.IsPrivilegedProcess ? ["/var/lib/romapi", user] : [user, "/var/lib/romapi"];
    }

    /// <summary>The user's home folder (HOME, even when it does not exist yet).</summary>
    public static string Home() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The AppHost project's UserSecretsId, where Aspire keeps generated parameter values in run mode.</summary>
    public static string? AppHostUserSecretsId(string root)
    {
        var project = Path.Combine(root, "RomApi.AppHost", "RomApi.AppHost.csproj");
        return File.Exists(project)
            ? XDocument.Load(project).Descendants("UserSecretsId").FirstOrDefault()?.Value
            : null;
    }
}

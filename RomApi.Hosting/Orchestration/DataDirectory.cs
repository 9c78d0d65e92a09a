using System.Security.Cryptography;
using System.Text;

namespace RomApi.Hosting.Orchestration;

/// <summary>The AppHost's persistent folder, the local stand-in for container volumes.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string For(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// One folder per AppHost checkout. As root it lives under /var/lib/romapi, which the postgres user can enter
    /// (a folder under /root cannot be); otherwise under the user's XDG data folder.
    /// </summary>
    public static string ResolveDefault(string appHostDirectory)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(appHostDirectory))))[..10];
        var name = $"{new DirectoryInfo(appHostDirectory).Name.ToLowerInvariant()}-{key}";
        if (Environment.IsPrivilegedProcess)
        {
            return Path.Combine("/var/lib/romapi", name);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "romapi", name);
    }

    public void EnsureCreated()
    {
        try
        {
            Directory.CreateDirectory(Root);
            // PostgreSQL runs as its own user when the AppHost is root: it must be able to enter this folder.
            UnixFiles.MakeEnterable(Root);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DistributedApplicationException(
                $"Cannot create the data folder '{Root}': {exception.Message} Set AppHost__DataDirectory to a folder you can write.", exception);
        }
    }
}

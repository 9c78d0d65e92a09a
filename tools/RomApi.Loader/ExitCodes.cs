namespace RomApi.Loader;

/// <summary>The loader's exit codes (also in its --help and the README).</summary>
public static class ExitCodes
{
    /// <summary>Imported. Source rows the API refused (bad data in the files) are listed and counted, but do not fail the import.</summary>
    public const int Imported = 0;

    /// <summary>The import failed part-way: the gateway refused or lost a batch (HTTP error, timeout, dropped connection).</summary>
    public const int ImportFailed = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>The gateway could not be reached (not running, or at another address: --gateway).</summary>
    public const int GatewayUnreachable = 3;

    /// <summary>The data files were not found (--data).</summary>
    public const int DataMissing = 4;

    /// <summary>No admin credentials: the password was not found, or the login was refused.</summary>
    public const int NoCredentials = 5;

    public const string Help = """
        Exit codes:
          0  imported (source rows the API refused, such as a duplicate or broken text in the files, are listed and counted)
          1  the import failed part-way (a batch was refused or lost)
          2  bad command line
          3  the gateway could not be reached (--gateway)
          4  the data files were not found (--data)
          5  no admin credentials (password not found, or login refused)
        """;
}

/// <summary>A failure that ends the run with one line of explanation and an exit code.</summary>
public sealed class LoaderException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

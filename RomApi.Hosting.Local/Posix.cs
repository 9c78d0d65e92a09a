using System.Runtime.InteropServices;

namespace RomApi.Hosting.Local;

/// <summary>kill(2): .NET's Process API sends only SIGKILL and SIGTERM, and PostgreSQL's fast shutdown is SIGINT.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

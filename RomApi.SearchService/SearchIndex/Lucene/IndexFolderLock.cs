namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Keeps a second process off this replica's index folder. Lucene.NET's own write.lock does not exclude
/// other processes on Linux (it takes no OS lock there), so an exclusive open of a file of ours does:
/// .NET turns FileShare.None into an flock, which the kernel drops when the process ends, even on a crash.
/// </summary>
public sealed class IndexFolderLock : IDisposable
{
    public const string FileName = "replica.lock";

    private readonly FileStream _stream;

    private IndexFolderLock(FileStream stream) => _stream = stream;

    /// <exception cref="InvalidOperationException">Another process holds the folder.</exception>
    public static IndexFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            stream.Flush();
            return new IndexFolderLock(stream);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"The search index folder '{folder}' is in use by another process; each replica needs its own folder " +
                "(named by service.instance.id in OTEL_RESOURCE_ATTRIBUTES).", exception);
        }
    }

    public void Dispose() => _stream.Dispose();
}

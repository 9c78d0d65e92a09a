namespace RomApi.Loader;

/// <summary>A one-line text progress bar on stderr: [#####.....] done/total, the last batch's rate.</summary>
public sealed class ProgressBar(int total)
{
    private const int Width = 40;
    private int _done;

    public void Advance(int count, string label, double itemsPerSecond)
    {
        _done += count;
        var filled = total == 0 ? Width : _done * Width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total} {label} ({itemsPerSecond:F0} items/s)   ");
    }

    public void Note(string message)
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine(message);
    }

    public void Done() => Console.Error.WriteLine();
}

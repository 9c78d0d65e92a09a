namespace RomApi.Hosting.Orchestration;

public sealed record LogLine(long Sequence, DateTimeOffset Time, string Source, bool IsError, string Text);

/// <summary>The last lines a resource printed, numbered so that a reader can ask for what came after the line it has.</summary>
public sealed class LogBuffer(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _lines = new();
    private long _next = 1;

    public void Append(DateTimeOffset time, string source, bool isError, string text)
    {
        lock (_gate)
        {
            _lines.Enqueue(new LogLine(_next++, time, source, isError, text));
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<LogLine> After(long sequence, int max)
    {
        lock (_gate)
        {
            return _lines.Where(line => line.Sequence > sequence).Take(max).ToArray();
        }
    }

    public IReadOnlyList<LogLine> Tail(int count)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToArray();
        }
    }
}

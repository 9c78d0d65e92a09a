using System.Collections.Concurrent;

namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>What the fuzzer sent and saw: counts by status class and caller, and every finding (5xx, leak, no answer).</summary>
public sealed class FuzzReport(int seed)
{
    private readonly ConcurrentDictionary<string, int> _byClass = new();
    private readonly ConcurrentDictionary<FuzzCaller, int> _byCaller = new();
    private readonly ConcurrentQueue<string> _findings = new();
    private int _requests;

    public int Requests => _requests;
    public IReadOnlyCollection<string> Findings => _findings;
    public int Planned { get; set; }
    public TimeSpan Elapsed { get; set; }

    public void Record(FuzzCaller caller, int? status)
    {
        Interlocked.Increment(ref _requests);
        _byCaller.AddOrUpdate(caller, 1, (_, n) => n + 1);
        _byClass.AddOrUpdate(status is { } s ? $"{s / 100}xx" : "no answer", 1, (_, n) => n + 1);
    }

    public void Finding(string finding) => _findings.Enqueue(finding);

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"fuzz seed {seed} (set FUZZ_SEED to replay): {_requests} of {Planned} planned requests in {Elapsed.TotalSeconds:F1} s");
        text.AppendLine("  by status class: " + string.Join(", ", _byClass.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        text.AppendLine("  by caller: " + string.Join(", ", _byCaller.OrderBy(e => e.Key).Select(e => $"{e.Key.ToString().ToLowerInvariant()} {e.Value}")));
        text.AppendLine($"  findings: {_findings.Count}");
        foreach (var finding in _findings.Take(30))
        {
            text.AppendLine("  - " + finding);
        }
        return text.ToString();
    }
}

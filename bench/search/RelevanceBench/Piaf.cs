using System.Text.Json;

/// <summary>
/// The PIAF relevance set (Etalab 2020, MIT; paragraphs from French Wikipedia, CC BY-SA): one paragraph per line with the
/// crowd-written questions it answers.
/// </summary>
public sealed record Paragraph(string Id, string Title, string Text, IReadOnlyList<string> Questions)
{
    public static List<Paragraph> Load(string path) => File.ReadLines(path)
        .Where(line => line.Length > 0)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(row => new Paragraph(
            row.GetProperty("id").GetString()!,
            row.GetProperty("title").GetString()!,
            row.GetProperty("text").GetString()!,
            row.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("question").GetString()!).ToList()))
        .ToList();
}

/// <summary>recall@10 (the paragraph among the first 10) and MRR@10 (1/rank, 0 beyond 10) over every question.</summary>
public sealed class Scores
{
    private int _questions, _found;
    private double _reciprocalRanks;

    public void Add(int? rank)
    {
        _questions++;
        if (rank is { } r and <= 10)
        {
            _found++;
            _reciprocalRanks += 1.0 / r;
        }
    }

    public int Questions => _questions;
    public double Recall => _questions == 0 ? 0 : (double)_found / _questions;
    public double Mrr => _questions == 0 ? 0 : _reciprocalRanks / _questions;
}

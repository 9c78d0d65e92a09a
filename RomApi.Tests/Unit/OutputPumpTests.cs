using RomApi.Hosting.Orchestration;
using System.Text;

namespace RomApi.Tests.Unit;

public sealed class OutputPumpTests
{
    [Fact]
    public async Task Lines_split_across_blocks_and_multibyte_characters_come_out_whole()
    {
        // 70,000 lines is more than one 64 KB block, so lines and the two-byte 'é' are cut at block edges.
        var expected = Enumerable.Range(0, 70_000).Select(i => $"ligne {i} café").ToList();
        var text = string.Join("\r\n", expected.Take(35_000)) + "\r\n" + string.Join("\n", expected.Skip(35_000));
        var lines = new List<string>();

        await OutputPump.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), lines.Add);

        Assert.Equal(expected, lines);
    }

    [Fact]
    public void An_unfinished_line_waits_for_its_end()
    {
        var pending = new StringBuilder();
        var lines = new List<string>();

        OutputPump.Split("first\nsec", pending, lines.Add);
        OutputPump.Split("ond\n", pending, lines.Add);

        Assert.Equal(["first", "second"], lines);
        Assert.Equal(0, pending.Length);
    }
}

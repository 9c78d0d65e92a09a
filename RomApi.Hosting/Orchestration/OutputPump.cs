using System.Text;

namespace RomApi.Hosting.Orchestration;

/// <summary>
/// Reads a child's output in large blocks and hands over whole lines. Process.BeginOutputReadLine raises one thread-pool callback
/// per line: with a gateway writing a request log line per request, that cost the AppHost a fifth of a core at 6,000 requests/s.
/// </summary>
internal static class OutputPump
{
    private const int BlockBytes = 64 * 1024;

    /// <summary>Completes at end of stream (the process exited and closed it); a partial last line is handed over too.</summary>
    public static async Task RunAsync(Stream stream, Action<string> onLine)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
        var bytes = new byte[BlockBytes];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(BlockBytes)];
        var pending = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(bytes)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0);
                Split(chars.AsSpan(0, count), pending, onLine);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The pipe broke or was closed while the process was being disposed: nothing more will come.
        }
        if (pending.Length > 0)
        {
            onLine(pending.ToString());
        }
    }

    /// <summary>Hands over each complete line (without its \n or \r\n); keeps the unfinished tail in <paramref name="pending"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, StringBuilder pending, Action<string> onLine)
    {
        int newline;
        while ((newline = text.IndexOf('\n')) >= 0)
        {
            var line = text[..newline];
            if (pending.Length > 0)
            {
                pending.Append(line);
                line = pending.ToString();
                pending.Clear();
            }
            onLine(line.EndsWith("\r") ? line[..^1].ToString() : line.ToString());
            text = text[(newline + 1)..];
        }
        pending.Append(text);
    }
}

namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// Events the database refuses for their data (SQLSTATE class 22 data exception or 23 integrity violation). Validation keeps the
/// known causes out; should one still slip through, it must not hold back the rest of its batch, nor be retried for ever.
/// </summary>
public static class UnstorableEvents
{
    public static bool Is(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    /// <summary>
    /// Writes the batch; when the database refuses its data, halves it until each refused event stands alone, writes the rest,
    /// and hands the refused ones to <paramref name="onUnstorable"/> (a batch of n with one bad event costs about 2·log2(n) writes).
    /// </summary>
    public static async Task WriteIsolatingAsync(
        List<PendingEvent> batch, Func<List<PendingEvent>, Task> write, Action<PendingEvent, PostgresException> onUnstorable)
    {
        try
        {
            await write(batch);
        }
        catch (PostgresException exception) when (Is(exception))
        {
            if (batch.Count == 1)
            {
                onUnstorable(batch[0], exception);
                return;
            }
            var half = batch.Count / 2;
            await WriteIsolatingAsync(batch.GetRange(0, half), write, onUnstorable);
            await WriteIsolatingAsync(batch.GetRange(half, batch.Count - half), write, onUnstorable);
        }
    }
}

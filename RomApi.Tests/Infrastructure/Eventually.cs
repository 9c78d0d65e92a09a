namespace RomApi.Tests.Infrastructure;

/// <summary>Polls a condition until it holds; the deadline only bounds the wait, it is not what the test asserts.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        var last = default(T);
        while (!timeout.IsCancellationRequested)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Timed out after {within.TotalSeconds:0} s waiting for {what}; last value: {last}");
    }
}

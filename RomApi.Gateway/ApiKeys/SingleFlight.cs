namespace RomApi.Gateway.ApiKeys;

/// <summary>
/// One load per key at a time: callers that ask for a key while its load runs wait for that load instead of starting their own.
/// A hot API key whose cache entry expires would otherwise be looked up by every request in flight at that moment (a pooled
/// connection each, and a new one with its authentication handshake for each beyond the idle ones). Written here because the
/// caching packages served (HybridCache, FusionCache) would wrap every cache hit of the hot path, and HybridCache copies values that
/// are not immutable; only misses come here.
/// </summary>
public sealed class SingleFlight<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<TValue>> _running = new(comparer);

    /// <summary>
    /// The result of the load of <paramref name="key"/> that runs, else of a new run of <paramref name="load"/>. Only this caller's
    /// wait ends with <paramref name="cancellationToken"/>: the load goes on for the others.
    /// </summary>
    public Task<TValue> RunAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_running.TryGetValue(key, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }
            var started = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.TryAdd(key, started.Task))
            {
                _ = RunToEndAsync(key, load, started);
                return started.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Callers from now on start a new load: one that began before a revocation may have read the row before it.</summary>
    public void Forget(TKey key) => _running.TryRemove(key, out _);

    public void ForgetAll() => _running.Clear();

    private async Task RunToEndAsync(TKey key, Func<TKey, Task<TValue>> load, TaskCompletionSource<TValue> started)
    {
        TValue value;
        try
        {
            value = await load(key);
        }
        catch (Exception exception)
        {
            Done(key, started);
            started.SetException(exception);
            return;
        }
        Done(key, started);
        started.SetResult(value);
    }

    // Only this run's entry: a Forget may have let a newer run of the same key in since.
    private void Done(TKey key, TaskCompletionSource<TValue> started) =>
        _running.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, started.Task));
}

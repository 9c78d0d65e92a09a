namespace RomApi.Gateway.Limits;

/// <summary>A request for an early flush of the counted hits: raised by requests, awaited by <see cref="CounterSync"/>; raising it twice asks once.</summary>
public sealed class FlushSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        if (_raised.CurrentCount == 0)
        {
            try
            {
                _raised.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request asked first; one flush serves both.
            }
        }
    }

    /// <returns>True when raised, false when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _raised.WaitAsync(timeout, cancellationToken);
}

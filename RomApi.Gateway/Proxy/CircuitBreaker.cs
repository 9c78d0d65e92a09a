namespace RomApi.Gateway.Proxy;

public enum CircuitState { Closed = 0, HalfOpen = 1, Open = 2 }

/// <summary>
/// One service's breaker: <see cref="ProxyOptions.CircuitBreakerFailures"/> consecutive failed forwards open it; while open the gateway
/// answers 503 at once instead of piling requests on a sick service; after <see cref="ProxyOptions.CircuitBreakerBreak"/> one trial
/// request goes through (half-open): success closes it, failure opens it again. A passing health probe of the service
/// (<see cref="ProbePassed"/>) lets the trial through sooner, once <see cref="ProxyOptions.CircuitBreakerMinimumBreak"/> has passed.
/// </summary>
public sealed class CircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeSpan minimumBreak, TimeProvider time)
{
    private readonly Lock _gate = new();
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private DateTimeOffset _openedAt;
    private bool _trialInFlight;

    public CircuitState State
    {
        get { lock (_gate) { return _state; } }
    }

    /// <summary>Whether a request may go to the service now; false while open (or while the half-open trial is out).</summary>
    public bool TryPass()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when time.GetUtcNow() - _openedAt >= breakDuration:
                    _state = CircuitState.HalfOpen;
                    _trialInFlight = true;
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    public TimeSpan RetryAfter
    {
        get { lock (_gate) { return _state == CircuitState.Open ? breakDuration - (time.GetUtcNow() - _openedAt) : TimeSpan.FromSeconds(1); } }
    }

    /// <summary>A replica of the service passed its health probe: an open circuit lets its trial through now.</summary>
    public void ProbePassed()
    {
        lock (_gate)
        {
            if (_state == CircuitState.Open && time.GetUtcNow() - _openedAt >= minimumBreak)
            {
                _state = CircuitState.HalfOpen;
                _trialInFlight = false;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _state = CircuitState.Closed;
            _failures = 0;
            _trialInFlight = false;
        }
    }

    /// <summary>The request ended without telling anything about the service; let another trial through.</summary>
    public void ReleaseTrial()
    {
        lock (_gate)
        {
            _trialInFlight = false;
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            _trialInFlight = false;
            if (_state == CircuitState.HalfOpen || _failures >= failureThreshold)
            {
                _state = CircuitState.Open;
                _openedAt = time.GetUtcNow();
            }
        }
    }
}

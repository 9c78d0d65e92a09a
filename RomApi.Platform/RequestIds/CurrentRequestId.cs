namespace RomApi.Platform.RequestIds;

/// <summary>
/// The id of the request the current code serves, for the calls it makes (<see cref="RequestIdPropagationHandler"/>). Its own
/// async-local, not IHttpContextAccessor: with an accessor registered, ASP.NET Core stops reusing a connection's HttpContext
/// between requests and allocates a new one for each.
/// </summary>
public sealed class CurrentRequestId
{
    private readonly AsyncLocal<string?> _value = new();

    public string? Value
    {
        get => _value.Value;
        set => _value.Value = value;
    }
}

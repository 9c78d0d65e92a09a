namespace RomApi.Platform.RequestIds;

/// <summary>
/// Takes the client's X-Request-ID when it is sane (else makes one), echoes it on the response,
/// uses it as the trace identifier and puts it in the logging scope of the request.
/// </summary>
public static class RequestIdMiddleware
{
    public const string HeaderName = "X-Request-ID";
    private const int MaxLength = 128;

    // Defined once: BeginScope with a message template would parse it (a cache look-up) and box the id into a new array per request.
    private static readonly Func<ILogger, string, IDisposable?> RequestScope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    /// <summary>Every HttpClient of the service passes the current request's id on to the service it calls.</summary>
    public static TBuilder AddRequestIds<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddSingleton<CurrentRequestId>();
        builder.Services.AddTransient<RequestIdPropagationHandler>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<RequestIdPropagationHandler>());
        return builder;
    }

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app)
    {
        // Created once: LoggerFactory.CreateLogger takes a process-wide lock, which every request would contend for.
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("RomApi.RequestId");
        var ids = new RequestIdSource();
        var current = app.ApplicationServices.GetRequiredService<CurrentRequestId>();
        return app.Use(async (context, next) =>
        {
            var sent = context.Request.Headers[HeaderName].ToString();
            var requestId = IsSane(sent) ? sent : ids.Next();
            context.TraceIdentifier = requestId;
            context.Response.Headers[HeaderName] = requestId;
            current.Value = requestId;
            using (RequestScope(logger, requestId))
            {
                await next(context);
            }
        });
    }

    public static bool IsSane(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>
/// Request ids made here: a random prefix per pipeline and a counter, as unique as a new Guid's 32 hex digits, without reading the
/// system's random source (a system call) on every request that comes without an id.
/// </summary>
internal sealed class RequestIdSource
{
    private readonly string _prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private long _issued;

    public string Next() =>
        string.Create(32, (_prefix, Interlocked.Increment(ref _issued)), static (chars, state) =>
        {
            state._prefix.AsSpan().CopyTo(chars);
            state.Item2.TryFormat(chars[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RomApi.ServiceDefaults.Data;
using System.Text.Json;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>The one global error handler: client mistakes become 4xx envelopes, anything else a 500 without internals.</summary>
public sealed partial class EnvelopeExceptionHandler(ILogger<EnvelopeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var (status, message) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json => (400, DescribeJsonError(json)),
            BadHttpRequestException bad => (bad.StatusCode, SafeBadRequestMessage(bad)),
            JsonException json => (400, DescribeJsonError(json)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request."),
            _ when DatabaseErrors.Classify(exception) is { } mapped => mapped,
            _ => (500, ErrorCodes.DefaultMessage(500)),
        };

        if (status == 499)
        {
            return true;
        }
        if (status == 503)
        {
            // Not a bug: the database is away. One line without the stack, and a hint when to come back.
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            httpContext.RequestServices.GetService<DatabaseAvailability>()?.Failed();
            httpContext.Response.Headers.RetryAfter = ((int)DatabaseErrors.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await ErrorEnvelopeWriter.WriteAsync(httpContext, status, ErrorCodes.ForStatus(status), message);
        return true;
    }

    private static string DescribeJsonError(JsonException json) =>
        json.Path is { Length: > 0 } path
            ? $"The JSON body is malformed or has a wrong type at '{path}'."
            : "The JSON body is malformed.";

    // Kestrel and minimal-API messages name parameters and limits, never secrets or internals: safe to pass on.
    private static string SafeBadRequestMessage(BadHttpRequestException bad) => bad.StatusCode switch
    {
        413 => ErrorCodes.DefaultMessage(413),
        415 => ErrorCodes.DefaultMessage(415),
        _ => bad.Message,
    };

    // Npgsql's messages name host and port, never the password.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}: {ErrorType}: {ErrorMessage}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}

using Microsoft.AspNetCore.Diagnostics;
using System.Text;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>The one global error handler: client mistakes become 4xx envelopes, anything else a 500 without internals.</summary>
public sealed partial class EnvelopeExceptionHandler(ILogger<EnvelopeExceptionHandler> logger, IEnumerable<IErrorClassifier> classifiers) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        ErrorClassification? classified = null;
        var (status, message) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json => (400, DescribeJsonError(json)),
            BadHttpRequestException bad => (bad.StatusCode, SafeBadRequestMessage(bad)),
            JsonException json => (400, DescribeJsonError(json)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request."),
            _ when (classified = Classify(exception)) is not null => (classified.Status, classified.Message),
            _ => (500, ErrorCodes.DefaultMessage(500)),
        };

        if (status == 499)
        {
            return true;
        }
        if (status == 503)
        {
            // Not a bug: a dependency (the database) is away. One line without the stack, and a hint when to come back.
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            if (classified?.RetryAfter is { } retryAfter)
            {
                httpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await ErrorEnvelopeWriter.WriteAsync(httpContext, status, ErrorCodes.ForStatus(status), message);
        return true;
    }

    private ErrorClassification? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // Text a handler could not encode, or System.Text.Json reading a lone surrogate escape ("\ud800") as text.
            if (current is EncoderFallbackException or DecoderFallbackException or InvalidOperationException { Source: "System.Text.Json" })
            {
                return new ErrorClassification(400, UnstorableTextMessage);
            }
        }
        foreach (var classifier in classifiers)
        {
            if (classifier.Classify(exception) is { } classified)
            {
                return classified;
            }
        }
        return null;
    }

    public const string UnstorableTextMessage = "A text value contains characters that cannot be stored (NUL, or a lone UTF-16 surrogate).";

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
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency unavailable on {Method} {Path}: {ErrorType}: {ErrorMessage}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}

using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>Writes the error envelope; the one place that knows its shape on the wire.</summary>
public static class ErrorEnvelopeWriter
{
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message, IReadOnlyList<FieldError>? details = null)
    {
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var body = new ApiErrorResponse(new ApiErrorBody(
            code,
            message,
            details is { Count: > 0 } ? details : null,
            time.GetUtcNow(),
            context.Request.Path.Value ?? "/",
            context.Request.Method,
            context.TraceIdentifier));

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        var options = context.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions
                      ?? JsonSerializerOptions.Web;
        // Not RequestAborted: a request timeout cancels it too, and the 504 envelope is written exactly then. The body is small;
        // for a client that is really gone the write fails on its own.
        return JsonSerializer.SerializeAsync(context.Response.Body, body, options, CancellationToken.None);
    }
}

using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>An <see cref="IResult"/> that answers with the error envelope.</summary>
public sealed class ErrorResult(int statusCode, string code, string message, IReadOnlyList<FieldError>? details = null)
    : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => statusCode;
    int? IStatusCodeHttpResult.StatusCode => statusCode;
    public string Code => code;

    public Task ExecuteAsync(HttpContext httpContext) =>
        ErrorEnvelopeWriter.WriteAsync(httpContext, statusCode, code, message, details);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(400, typeof(ApiErrorResponse), ["application/json"]));
}

/// <summary>Short-hands for the common errors.</summary>
public static class ApiErrors
{
    public static ErrorResult BadRequest(string message) => new(400, ErrorCodes.BadRequest, message);

    /// <summary>A 400 about one query or path parameter: the message starts with its name, and details name it as the field.</summary>
    public static ErrorResult BadParameter(string name, string problem) =>
        new(400, ErrorCodes.BadRequest, $"{name} {problem}", [new FieldError(name, problem)]);
    public static ErrorResult Unauthorized(string? message = null) => new(401, ErrorCodes.Unauthorized, message ?? ErrorCodes.DefaultMessage(401));
    public static ErrorResult Forbidden(string? message = null) => new(403, ErrorCodes.Forbidden, message ?? ErrorCodes.DefaultMessage(403));
    public static ErrorResult NotFound(string? message = null) => new(404, ErrorCodes.NotFound, message ?? ErrorCodes.DefaultMessage(404));
    public static ErrorResult Conflict(string message) => new(409, ErrorCodes.Conflict, message);
    public static ErrorResult PreconditionFailed(string? message = null) => new(412, ErrorCodes.PreconditionFailed, message ?? ErrorCodes.DefaultMessage(412));
    public static ErrorResult Validation(IReadOnlyList<FieldError> details) =>
        new(422, ErrorCodes.ValidationError, "The request is not valid.", details);
    public static ErrorResult ServiceUnavailable(string? message = null) => new(503, ErrorCodes.ServiceUnavailable, message ?? ErrorCodes.DefaultMessage(503));
}

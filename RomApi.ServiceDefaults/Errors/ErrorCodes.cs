namespace RomApi.ServiceDefaults.Errors;

/// <summary>The error codes of API.md, and the default code for each status.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string Conflict = "CONFLICT";
    public const string PreconditionFailed = "PRECONDITION_FAILED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string BadGateway = "BAD_GATEWAY";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string GatewayTimeout = "GATEWAY_TIMEOUT";

    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => ValidationError,
        429 => RateLimitExceeded,
        502 => BadGateway,
        503 => ServiceUnavailable,
        504 => GatewayTimeout,
        >= 500 => InternalError,
        _ => BadRequest,
    };

    public static string DefaultMessage(int status) => status switch
    {
        400 => "The request is malformed.",
        401 => "Authentication is required.",
        403 => "You are not allowed to do this.",
        404 => "Nothing was found at this address.",
        405 => "This method is not allowed here.",
        409 => "The request conflicts with the current state.",
        412 => "The resource has changed since you read it.",
        413 => "The request body is too large.",
        415 => "The content type is not supported; send application/json.",
        422 => "The request is not valid.",
        429 => "Too many requests.",
        502 => "An upstream service answered badly.",
        503 => "The service is unavailable; try again later.",
        504 => "An upstream service did not answer in time.",
        _ => "An unexpected error occurred.",
    };
}

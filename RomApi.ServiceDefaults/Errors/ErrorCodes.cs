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

    // Each status with its code and default message; any other status is BAD_REQUEST below 500, INTERNAL_ERROR from it.
    private static readonly Dictionary<int, (string Code, string Message)> ByStatus = new()
    {
        [400] = (BadRequest, "The request is malformed."),
        [401] = (Unauthorized, "Authentication is required."),
        [403] = (Forbidden, "You are not allowed to do this."),
        [404] = (NotFound, "Nothing was found at this address."),
        [405] = (MethodNotAllowed, "This method is not allowed here."),
        [409] = (Conflict, "The request conflicts with the current state."),
        [412] = (PreconditionFailed, "The resource has changed since you read it."),
        [413] = (PayloadTooLarge, "The request body is too large."),
        [415] = (UnsupportedMediaType, "The content type is not supported; send application/json."),
        [422] = (ValidationError, "The request is not valid."),
        [429] = (RateLimitExceeded, "Too many requests."),
        [502] = (BadGateway, "An upstream service answered badly."),
        [503] = (ServiceUnavailable, "The service is unavailable; try again later."),
        [504] = (GatewayTimeout, "An upstream service did not answer in time."),
    };

    public static string ForStatus(int status) =>
        ByStatus.TryGetValue(status, out var known) ? known.Code : status >= 500 ? InternalError : BadRequest;

    public static string DefaultMessage(int status) =>
        ByStatus.TryGetValue(status, out var known) ? known.Message : "An unexpected error occurred.";
}

using Microsoft.AspNetCore.Builder;

namespace RomApi.OpenApi;

/// <summary>Who may call an operation, as the OpenAPI document tells clients (the gateway and the service enforce it).</summary>
public enum ApiAccess
{
    /// <summary>No credentials used (register, login, refresh, logout).</summary>
    Anonymous,

    /// <summary>Anyone; credentials optional (they widen what is visible). The default of GET.</summary>
    Optional,

    /// <summary>A signed-in user (access token) or an API key with the matching permission. The default of every other method.</summary>
    Caller,

    /// <summary>A signed-in user with an access token (API keys are refused).</summary>
    Bearer,

    /// <summary>An admin (access token of an ADMIN user, or an API key of one).</summary>
    Admin,
}

/// <summary>Endpoint metadata: the operation's <see cref="ApiAccess"/>.</summary>
public sealed record ApiAccessMetadata(ApiAccess Access);

/// <summary>Endpoint metadata: error statuses the operation can answer besides those inferred from its shape.</summary>
public sealed record ApiErrorsMetadata(IReadOnlyList<int> Statuses);

/// <summary>Endpoint metadata: the error code and meaning of one status where they differ from the default (login's 401).</summary>
public sealed record ApiErrorCodeMetadata(int Status, string Code, string Description);

/// <summary>Endpoint metadata: JSON examples of the request body and of the success answer.</summary>
public sealed record ApiExamplesMetadata(string? Request, string? Response);

public static class ApiDocumentationExtensions
{
    /// <summary>Documents who may call the endpoint (security requirements and the 401/403 answers).</summary>
    public static TBuilder WithAccess<TBuilder>(this TBuilder builder, ApiAccess access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(access));

    /// <summary>Documents error answers (in the error envelope) that the endpoint's shape does not imply, such as 409 or 412.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiErrorsMetadata(statuses));

    /// <summary>Documents an error answer with its own code (such as 401 INVALID_CREDENTIALS).</summary>
    public static TBuilder ProducesError<TBuilder>(this TBuilder builder, int status, string code, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiErrorsMetadata([status]), new ApiErrorCodeMetadata(status, code, description));

    /// <summary>JSON examples for the request body and the success answer (either may be null).</summary>
    public static TBuilder WithExamples<TBuilder>(this TBuilder builder, string? request, string? response = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExamplesMetadata(request, response));
}

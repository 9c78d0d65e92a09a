using Microsoft.AspNetCore.Http.HttpResults;

namespace RomApi.ServiceDefaults.Envelopes;

/// <summary>Typed results wrapped in the success envelope.</summary>
public static class ApiResults
{
    public static Ok<ApiResponse<T>> Ok<T>(T data, TimeProvider time, object? meta = null) =>
        TypedResults.Ok(new ApiResponse<T>(data, meta, time.GetUtcNow()));

    public static Ok<ApiResponse<IReadOnlyList<T>>> Page<T>(IReadOnlyList<T> items, PageMeta page, TimeProvider time) =>
        TypedResults.Ok(new ApiResponse<IReadOnlyList<T>>(items, page, time.GetUtcNow()));

    public static Created<ApiResponse<T>> Created<T>(string location, T data, TimeProvider time) =>
        TypedResults.Created(location, new ApiResponse<T>(data, null, time.GetUtcNow()));

    public static Accepted<ApiResponse<T>> Accepted<T>(T data, TimeProvider time) =>
        TypedResults.Accepted((string?)null, new ApiResponse<T>(data, null, time.GetUtcNow()));
}

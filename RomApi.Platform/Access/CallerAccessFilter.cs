using Microsoft.AspNetCore.Routing;
using RomApi.Contracts.Access;
using RomApi.Platform.Auth;

namespace RomApi.Platform.Access;

/// <summary>
/// Applies <see cref="RoutePermissions"/> to a service's public routes, after refusing a request whose identity token did not
/// validate (401 rather than anonymous, so a forged or expired token never passes unnoticed). Handlers then check only the
/// finer rules (owner, admin).
/// </summary>
public sealed class CallerAccessFilter(string service) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.ContainsKey(PlatformTokenService.HeaderName) && http.User.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult<object?>(ApiErrors.Unauthorized("The identity token is not valid."));
        }
        if (RoutePermissions.Check(http.GetPlatformIdentity(), service, http.Request.Method, http.Request.Path.Value) is { } denial)
        {
            return ValueTask.FromResult<object?>(new ErrorResult(denial.Status, ErrorCodes.ForStatus(denial.Status), denial.Message));
        }
        return next(context);
    }
}

public static class CallerAccessFilterExtensions
{
    /// <summary>The routes of <paramref name="service"/> that the gateway forwards, under its access rule.</summary>
    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app, string service)
    {
        var api = app.MapGroup("");
        api.AddEndpointFilter(new CallerAccessFilter(service));
        return api;
    }
}

using System.Text.Json;

namespace RomApi.Gateway.Operations;

/// <summary>
/// What the gateway's public port tells about its insides. Probes keep their answers: /alive as before, and /health with its
/// status code (200 ready, 503 not) and only the overall status. The per-dependency detail of /health and the Prometheus text of
/// /metrics (route names, replicas, failure counts) are for operators: the management port (<see cref="ManagementOptions"/>) or
/// an admin's access token.
/// </summary>
public sealed class OperatorEndpointsGuard(RequestDelegate next, IOptions<ManagementOptions> options, AccessTokenService tokens, HealthCheckService health)
{
    // Not async: every request passes here, and all but the operator paths go straight on.
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var metrics = path.StartsWithSegments(Extensions.MetricsEndpointPath);
        var readiness = path.StartsWithSegments(Extensions.HealthEndpointPath);
        if ((!metrics && !readiness) || context.Connection.LocalPort == options.Value.EffectivePort)
        {
            return next(context);
        }
        return GuardAsync(context, readiness);
    }

    private async Task GuardAsync(HttpContext context, bool readiness)
    {
        var caller = await CallerAsync(context);
        if (caller?.IsAdmin == true)
        {
            await next(context);
            return;
        }
        if (readiness)
        {
            await WriteBareHealthAsync(context);
            return;
        }
        await (caller is null
            ? ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                "Metrics are served on the management port, or here to an admin's access token.")
            : ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Metrics are for admins."));
    }

    private async ValueTask<Caller?> CallerAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return null;
        }
        var (caller, _) = await tokens.ValidateAsync(authorization[7..].Trim());
        return caller;
    }

    private async Task WriteBareHealthAsync(HttpContext context)
    {
        var report = await health.CheckHealthAsync(context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, JsonSerializerOptions.Web, context.RequestAborted);
    }
}

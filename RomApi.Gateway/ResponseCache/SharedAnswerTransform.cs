using RomApi.Contracts.Resources;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// On every proxied answer: removes <see cref="SharedAnswer.MaxAgeHeader"/> (a word between the resource service and the gateway,
/// never for clients, whoever the caller) and, when the request is a cacheable miss, hands its value to the miss's
/// <see cref="AnswerCapture"/>. Runs after YARP has copied the service's headers onto the response.
/// </summary>
public sealed class SharedAnswerTransform : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(transform =>
    {
        var headers = transform.HttpContext.Response.Headers;
        if (headers.TryGetValue(SharedAnswer.MaxAgeHeader, out var value))
        {
            headers.Remove(SharedAnswer.MaxAgeHeader);
            if (transform.HttpContext.Features.Get<AnswerCapture>() is { } capture &&
                long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                capture.SharedMaxAge = TimeSpan.FromSeconds(seconds);
            }
        }
        return ValueTask.CompletedTask;
    });
}

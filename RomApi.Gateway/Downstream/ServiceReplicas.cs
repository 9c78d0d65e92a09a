namespace RomApi.Gateway.Downstream;

/// <summary>
/// Reads the replicas of a service from the service-discovery configuration the AppHost sets
/// (services__{name}__http__{i}, i.e. the section services:{name}:http), in replica order.
/// </summary>
public static class ServiceReplicas
{
    public static IReadOnlyList<Uri> Of(IConfiguration configuration, string serviceName) =>
        configuration.GetSection($"services:{serviceName}:http").GetChildren()
            .Select(entry => (Order: int.TryParse(entry.Key, out var index) ? index : int.MaxValue, entry.Value))
            .OrderBy(entry => entry.Order)
            .Select(entry => Uri.TryCreate(entry.Value, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();
}

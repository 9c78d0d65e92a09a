namespace RomApi.SearchService.SearchIndex;

/// <summary>The replica's name from OTEL_RESOURCE_ATTRIBUTES (service.instance.id), made safe as a folder name.</summary>
public static class ServiceInstance
{
    public const string Fallback = "default";

    public static string IdFrom(string? resourceAttributes)
    {
        foreach (var pair in (resourceAttributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && pair[..separator].Trim() == "service.instance.id")
            {
                var id = new string(pair[(separator + 1)..].Trim()
                    .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
                return id.Length > 0 && id.Trim('.').Length > 0 ? id : Fallback;
            }
        }
        return Fallback;
    }
}

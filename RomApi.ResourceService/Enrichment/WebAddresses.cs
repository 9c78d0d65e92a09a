using System.Net.Mail;

namespace RomApi.ResourceService.Enrichment;

/// <summary>Websites as absolute http(s) URLs and e-mail addresses in a plain "local@domain.tld" form.</summary>
public static class WebAddresses
{
    /// <summary>"example.cm" -> "https://example.cm/"; null when it cannot be an http(s) address with a dotted host.</summary>
    public static string? NormalizeUrl(string text)
    {
        var candidate = text.Trim();
        if (!candidate.Contains("://", StringComparison.Ordinal))
        {
            candidate = "https://" + candidate;
        }
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") ||
            !uri.Host.Contains('.') || uri.Host.StartsWith('.') || uri.Host.EndsWith('.') ||
            candidate.Any(char.IsWhiteSpace) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }
        return uri.AbsoluteUri;
    }

    public static string? NormalizeEmail(string text)
    {
        var candidate = text.Trim();
        if (candidate.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(candidate, out var address) ||
            address.Address != candidate || !address.Host.Contains('.') || address.Host.EndsWith('.'))
        {
            return null;
        }
        return address.User + "@" + address.Host.ToLowerInvariant();
    }
}

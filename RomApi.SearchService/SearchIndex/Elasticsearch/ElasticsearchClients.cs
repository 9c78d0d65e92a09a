using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>The official client for one Elasticsearch 9 node; credentials in the URL become Basic authentication, never logged.</summary>
public static class ElasticsearchClients
{
    public static ElasticsearchClient Create(Uri uri, IRequestInvoker? invoker = null)
    {
        var node = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        var pool = new SingleNodePool(node);
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        if (uri.UserInfo.Split(':', 2) is [var user, var password] && user.Length > 0)
        {
            settings = settings.Authentication(new BasicAuthentication(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password)));
        }
        // The service retries through the change feed; a request is not worth minutes of transport retries.
        return new ElasticsearchClient(settings.RequestTimeout(TimeSpan.FromSeconds(30)).MaximumRetries(1));
    }
}

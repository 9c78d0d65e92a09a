using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>GETs the Elasticsearch root; credentials in the URL become a Basic header and never appear in the result.</summary>
public sealed class ElasticsearchHealthCheck(IHttpClientFactory httpClientFactory, IOptions<SearchIndexOptions> options) : IHealthCheck
{
    public const string HttpClientName = "elasticsearch-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var uri = options.Value.ElasticsearchUri!;
        var data = new Dictionary<string, object> { ["engine"] = "Elasticsearch", ["host"] = uri.Host };
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { UserName = "", Password = "" }.Uri);
        if (uri.UserInfo.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        }
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            data["status"] = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("Elasticsearch answers.", data)
                : HealthCheckResult.Unhealthy("Elasticsearch answers with an error status.", data: data);
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy("Elasticsearch does not answer.", exception, data);
        }
    }
}

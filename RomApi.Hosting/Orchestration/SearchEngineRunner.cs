using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting.Orchestration;

/// <summary>
/// The search engine in run mode. With an Elasticsearch URL in <c>ConnectionStrings:{name}</c>, that server is used (and probed);
/// without one the search service keeps an embedded Lucene index under the data folder and there is no server to start.
/// </summary>
internal sealed class SearchEngineRunner(ElasticsearchResource resource, ResourceState state, RunContext context, string? externalUrl, HttpClient http)
    : IInfrastructureRunner
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (externalUrl is null)
        {
            var folder = context.Data.For("search", resource.Name);
            Directory.CreateDirectory(folder);
            resource.IsEmbedded = true;
            resource.RunModeConnectionString = $"Engine=Lucene;Directory={folder}";
            state.Set(ResourceStateNames.Running, HealthStateNames.Healthy, $"embedded Lucene index in {folder}", [$"file://{folder}"]);
            return;
        }

        resource.RunModeConnectionString = externalUrl;
        var uri = new Uri(externalUrl);
        state.Set(ResourceStateNames.Starting, endpoints: [uri.GetLeftPart(UriPartial.Authority).Replace(uri.UserInfo + "@", "")]);
        var deadline = context.Time.GetUtcNow().AddSeconds(60);
        while (!await ProbeAsync(cancellationToken))
        {
            if (context.Time.GetUtcNow() > deadline)
            {
                throw new DistributedApplicationException($"Elasticsearch at {uri.Host}:{uri.Port} did not answer within 60 s. Check ConnectionStrings:{resource.Name}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), context.Time, cancellationToken);
        }
        state.Set(ResourceStateNames.Running, HealthStateNames.Healthy, "external Elasticsearch");
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (externalUrl is null)
        {
            return true;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(externalUrl), "/_cluster/health"));
            var uri = new Uri(externalUrl);
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            }
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public Task StopAsync() => Task.CompletedTask;
}

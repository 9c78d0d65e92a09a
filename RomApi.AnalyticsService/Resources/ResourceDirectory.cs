using RomApi.Contracts.Resources;
using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using RomApi.Contracts;
using RomApi.Contracts.Access;

namespace RomApi.AnalyticsService.Resources;

/// <summary>What the resource service says about one resource id: its owner and whether it is public (ACTIVE).</summary>
public sealed record ResourceInfo(Guid Id, Guid? OwnerId, bool IsPublic);

/// <summary>The resource service could not be asked (down, timing out, answering 5xx).</summary>
public sealed class ResourceDirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Asks the resource service (GET /api/v1/api-resources/{id} with a service token: the <see cref="ApiResourceDto"/> in its envelope)
/// whether a resource exists, who owns it and whether it is public. The analytics service never reads resourcedb. Answers are
/// cached briefly, so ingestion at high rates asks once per resource per <see cref="ResourceDirectoryOptions.FoundTtl"/>.
/// </summary>
public sealed class ResourceDirectory(
    HttpClient http,
    IMemoryCache cache,
    PlatformTokenService tokens,
    IOptions<ResourceDirectoryOptions> options)
{
    private const int ParallelLookups = 8;

    /// <summary>
    /// Those of <paramref name="ids"/> that <paramref name="caller"/> may read (<see cref="ResourceVisibility"/>): an unknown id and
    /// a resource the caller may not see are alike left out, so no answer built on this tells one from the other.
    /// </summary>
    public async Task<HashSet<Guid>> ReadableAsync(IEnumerable<Guid> ids, PlatformIdentity caller, CancellationToken cancellationToken)
    {
        var readable = new HashSet<Guid>();
        await Parallel.ForEachAsync(ids.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = ParallelLookups, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                if (await FindAsync(id, token) is { } found && caller.CanRead(found.IsPublic, found.OwnerId))
                {
                    lock (readable)
                    {
                        readable.Add(id);
                    }
                }
            });
        return readable;
    }

    /// <returns>The resource, or null when the resource service answers 404 (unknown or deleted).</returns>
    public async Task<ResourceInfo?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(id, out ResourceInfo? cached))
        {
            return cached;
        }
        var found = await AskAsync(id, cancellationToken);
        var settings = options.Value;
        cache.Set(id, found, found is null ? settings.NotFoundTtl : settings.FoundTtl);
        return found;
    }

    private async Task<ResourceInfo?> AskAsync(Guid id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourceRoutes.ApiResource(id));
        request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(ServiceNames.AnalyticsService)));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceDirectoryUnavailableException("The resource service cannot be reached.", exception);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ResourceDirectoryUnavailableException($"The resource service answered {(int)response.StatusCode}.");
            }
            var resource = (await response.Content.ReadFromJsonAsync<DataEnvelope<ApiResourceDto>>(ContractJson.Options, cancellationToken))!.Data;
            return new ResourceInfo(id, resource.UserId, resource.Status == ResourceStatus.Active);
        }
    }
}

/// <summary>Cache lifetimes of resource answers (configuration section "ResourceDirectory").</summary>
public sealed class ResourceDirectoryOptions
{
    public const string SectionName = "ResourceDirectory";

    /// <summary>
    /// How long an existing resource, its owner and its status are remembered: a publication, suspension, deletion or ownership
    /// change shows in event checks, stats and top lists after at most this.
    /// </summary>
    public TimeSpan FoundTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an unknown id is remembered (a just-created resource is accepted after this).</summary>
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Net.Http.Json;
using RomApi.Contracts;
using RomApi.Contracts.Changes;
using RomApi.Contracts.Resources;
using RomApi.Platform.Auth;
using ChangeEvent = RomApi.Contracts.Changes.ChangeEvent<RomApi.Contracts.Resources.ApiResourceDto>;

namespace RomApi.Platform.Changes;

/// <summary>
/// Reads the resource service's change feed (<see cref="ChangeFeedEndpoint.Path"/>) with a service token of
/// <paramref name="serviceName"/>, into the contract's types (<see cref="ChangeFeedPage{TResource}"/> of <see cref="ApiResourceDto"/>)
/// with the contract's JSON options. Every follower of the feed (the search index, the gateway's response cache) reads it here.
/// </summary>
public sealed class ChangeFeedClient(string serviceName, IHttpClientFactory clients, PlatformTokenService tokens)
{
    public const string HttpClientName = "changefeed";

    /// <summary>How long a read may wait for a resource service that is still starting (<c>startTimeout</c>): DCP's proxy
    /// holds the connection of a service not yet listening, and the first read should not wait out the client's whole timeout.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(3);

    public async Task<ChangePage> ReadAsync(long after, int limit, CancellationToken cancellationToken, bool startTimeout = false)
    {
        var page = await GetAsync<ChangeFeedPage<ApiResourceDto>>(
            $"{ChangeFeedEndpoint.Path}?after={after}&limit={limit}", startTimeout, cancellationToken);
        return new ChangePage(page.Data, page.Meta.LastSequence);
    }

    /// <summary>The feed's newest sequence (<see cref="ChangeFeedEndpoint.HeadPath"/>).</summary>
    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken, bool startTimeout = false) =>
        (await GetAsync<DataEnvelope<ChangeFeedHead>>(ChangeFeedEndpoint.HeadPath, startTimeout, cancellationToken)).Data.LastSequence;

    private async Task<T> GetAsync<T>(string path, bool startTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (startTimeout)
        {
            timeout.CancelAfter(StartTimeout);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(serviceName)));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, timeout.Token)
            ?? throw new InvalidDataException($"The change feed answered an empty body at {path}.");
    }
}

public sealed record ChangePage(IReadOnlyList<ChangeEvent> Events, long LastSequence);

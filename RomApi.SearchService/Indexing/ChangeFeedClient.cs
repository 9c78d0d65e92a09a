using System.Net.Http.Json;
using RomApi.Contracts.Changes;
using RomApi.Contracts.Identity;
using ChangeEvent = RomApi.Contracts.Changes.ChangeEvent<RomApi.Contracts.Resources.ApiResourceDto>;

namespace RomApi.SearchService.Indexing;

/// <summary>
/// Reads the resource service's change feed (<see cref="ChangeFeedEndpoint.Path"/>) with a service token, into the contract's
/// types (<see cref="ChangeFeedPage{TResource}"/> of <see cref="ApiResourceDto"/>) with the contract's JSON options.
/// </summary>
public sealed class ChangeFeedClient(IHttpClientFactory clients, PlatformTokenService tokens)
{
    public const string HttpClientName = "changefeed";

    /// <summary>How long a read may wait for a resource service that is still starting (<c>startTimeout</c>): DCP's proxy
    /// holds the connection of a service not yet listening, and the first read should not wait out the client's whole timeout.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(3);

    public async Task<ChangePage> ReadAsync(long after, int limit, CancellationToken cancellationToken, bool startTimeout = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (startTimeout)
        {
            timeout.CancelAfter(StartTimeout);
        }
        cancellationToken = timeout.Token;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ChangeFeedEndpoint.Path}?after={after}&limit={limit}");
        request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(ServiceNames.SearchService)));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<ChangeFeedPage<ApiResourceDto>>(ContractJson.Options, cancellationToken)
            ?? throw new InvalidDataException("The change feed answered an empty body.");
        return new ChangePage(page.Data, page.Meta.LastSequence);
    }
}

public sealed record ChangePage(IReadOnlyList<ChangeEvent> Events, long LastSequence);

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RomApi.Contracts.Identity;
using RomApi.ServiceDefaults.PlatformAuth;

namespace RomApi.SearchService.Indexing;

/// <summary>Reads GET /internal/changes of the resource service with a service token (contract in HELPER-CONTEXT).</summary>
public sealed class ChangeFeedClient(IHttpClientFactory clients, PlatformTokenService tokens)
{
    public const string HttpClientName = "changefeed";
    public const string ServiceName = "searchservice";

    public async Task<ChangePage> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/changes?after={after}&limit={limit}");
        request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(ServiceName)));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<ChangeEnvelope>(JsonOptions, cancellationToken)
            ?? throw new InvalidDataException("The change feed answered an empty body.");
        return new ChangePage(page.Data, page.Meta.LastSequence);
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ChangeEnvelope(IReadOnlyList<ChangeEvent> Data, ChangeMeta Meta);

    private sealed record ChangeMeta(long LastSequence);
}

public sealed record ChangePage(IReadOnlyList<ChangeEvent> Events, long LastSequence);

/// <summary>One change-feed event; <see cref="Resource"/> is the snapshot after the change (null for DELETED).</summary>
public sealed record ChangeEvent(
    long Sequence,
    string Type,
    Guid ResourceId,
    DateTimeOffset OccurredAt,
    [property: JsonPropertyName("resource")] JsonElement? Resource);

using Elastic.Transport;

namespace RomApi.Tests.SearchService;

/// <summary>
/// The official client's transport answering from memory: each request the client sends must be the next recorded one (method,
/// path and query, body compared as JSON or NDJSON lines), and the client's own <see cref="InMemoryRequestInvoker"/> turns the
/// recorded response into the client's response objects, as if Elasticsearch 9 had answered over HTTP.
/// </summary>
public sealed class RecordedElasticsearch : IRequestInvoker
{
    // Every Elasticsearch 9 response carries it; the client refuses to talk to a server without it.
    private static readonly Dictionary<string, IEnumerable<string>> ProductHeader = new(StringComparer.OrdinalIgnoreCase) { ["x-elastic-product"] = ["Elasticsearch"] };

    private readonly Queue<Exchange> _exchanges = new();
    private readonly InMemoryRequestInvoker _factory = new();

    public ResponseFactory ResponseFactory => _factory.ResponseFactory;

    /// <summary>Every request so far, as "METHOD /path?query", for a failing test to show.</summary>
    public List<string> Sent { get; } = [];

    public RecordedElasticsearch Expect(string method, string pathAndQuery, string? requestBody, int status, string responseBody)
    {
        _exchanges.Enqueue(new Exchange(method, pathAndQuery, requestBody, status, responseBody));
        return this;
    }

    /// <summary>For large bodies: only these fragments must appear.</summary>
    public void ExpectContaining(string method, string pathAndQuery, int status, string responseBody, params string[] fragments) =>
        _exchanges.Enqueue(new Exchange(method, pathAndQuery, null, status, responseBody, fragments));

    public int Remaining => _exchanges.Count;

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData,
        CancellationToken cancellationToken) where TResponse : TransportResponse, new()
    {
        var method = endpoint.Method.ToString().ToUpperInvariant();
        Sent.Add($"{method} {endpoint.Uri.PathAndQuery}");
        string? body = null;
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            await postData.WriteAsync(stream, boundConfiguration.ConnectionSettings, disableDirectStreaming: false, cancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }
        var expected = Check(method, endpoint.Uri.PathAndQuery, body, boundConfiguration);
        var invoker = new InMemoryRequestInvoker(Encoding.UTF8.GetBytes(expected.ResponseBody), expected.Status, null, "application/json", ProductHeader);
        return await invoker.RequestAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken);
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        throw new InvalidOperationException("The adapter must only make asynchronous calls.");

    private Exchange Check(string method, string pathAndQuery, string? body, BoundConfiguration configuration)
    {
        Assert.True(_exchanges.TryDequeue(out var expected), $"unexpected request {method} {pathAndQuery}: {body}");
        Assert.Equal(expected.Method, method);
        Assert.Equal(expected.PathAndQuery, pathAndQuery);
        // The credentials of the connection string travel as Basic authentication.
        Assert.IsType<BasicAuthentication>(configuration.AuthenticationHeader);
        if (expected.Fragments is { } fragments)
        {
            Assert.All(fragments, fragment => Assert.Contains(fragment, body));
        }
        else if (expected.RequestBody is null)
        {
            Assert.True(string.IsNullOrEmpty(body), $"{method} {pathAndQuery} sent a body: {body}");
        }
        else
        {
            // One JSON document (pretty-printed here), or NDJSON (_bulk): one document per line.
            var ndjson = pathAndQuery.Contains("/_bulk", StringComparison.Ordinal);
            var expectedLines = !ndjson ? [expected.RequestBody] : expected.RequestBody.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var actualLines = !ndjson ? [body!] : body!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(expectedLines.Length == actualLines.Length, $"{method} {pathAndQuery}: {actualLines.Length} lines, expected {expectedLines.Length}:\n{body}");
            for (var i = 0; i < expectedLines.Length; i++)
            {
                var same = Same(JsonNode.Parse(expectedLines[i]), JsonNode.Parse(actualLines[i]));
                Assert.True(same, $"line {i} of {method} {pathAndQuery}:\nexpected {expectedLines[i]}\nactual   {actualLines[i]}");
            }
        }
        return expected;
    }

    /// <summary>
    /// JSON equality as Elasticsearch reads it: numbers compared as numbers (the client writes 4.0511 as 4.0510999999999999, the same
    /// double), and a one-element array the same as its element (the client sends a lone bool clause or sort as an object).
    /// </summary>
    private static bool Same(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonArray { Count: 1 } e, not JsonArray) => Same(e[0], actual),
        (not JsonArray, JsonArray { Count: 1 } a) => Same(expected, a[0]),
        (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(pair => a.TryGetPropertyValue(pair.Key, out var value) && Same(pair.Value, value)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => Same(pair.First, pair.Second)),
        (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number =>
            e.GetValue<double>() == a.GetValue<double>(),
        _ => JsonNode.DeepEquals(expected, actual),
    };

    public void Dispose() => ((IDisposable)_factory).Dispose();

    private sealed record Exchange(string Method, string PathAndQuery, string? RequestBody, int Status, string ResponseBody, string[]? Fragments = null);
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RomApi.Tests.Search;

/// <summary>
/// Plays back recorded Elasticsearch 8 exchanges behind a real HttpClient: each request must be the next recorded one
/// (method, path and query, and body compared as JSON or NDJSON lines), and gets the recorded response.
/// </summary>
public sealed class RecordedElasticsearch : HttpMessageHandler
{
    private readonly Queue<Exchange> _exchanges = new();

    public RecordedElasticsearch Expect(string method, string pathAndQuery, string? requestBody, int status, string responseBody)
    {
        _exchanges.Enqueue(new Exchange(method, pathAndQuery, requestBody, status, responseBody));
        return this;
    }

    /// <summary>For large bodies: only these fragments must appear.</summary>
    public void ExpectContaining(string method, string pathAndQuery, int status, string responseBody, params string[] fragments) =>
        _exchanges.Enqueue(new Exchange(method, pathAndQuery, null, status, responseBody, fragments));

    public int Remaining => _exchanges.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.True(_exchanges.TryDequeue(out var expected), $"unexpected request {request.Method} {request.RequestUri}");
        Assert.Equal(expected.Method, request.Method.Method);
        Assert.Equal(expected.PathAndQuery, request.RequestUri!.PathAndQuery);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        if (expected.Fragments is { } fragments)
        {
            Assert.All(fragments, fragment => Assert.Contains(fragment, body));
        }
        else if (expected.RequestBody is null)
        {
            Assert.True(string.IsNullOrEmpty(body), $"{request.Method} {request.RequestUri} sent a body: {body}");
        }
        else
        {
            // One JSON document (pretty-printed here), or NDJSON (_bulk): one document per line.
            var ndjson = request.Content!.Headers.ContentType?.MediaType == "application/x-ndjson";
            var expectedLines = !ndjson ? [expected.RequestBody] : expected.RequestBody.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var actualLines = !ndjson ? [body!] : body!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expectedLines.Length, actualLines.Length);
            for (var i = 0; i < expectedLines.Length; i++)
            {
                var same = JsonNode.DeepEquals(JsonNode.Parse(expectedLines[i]), JsonNode.Parse(actualLines[i]));
                Assert.True(same, $"line {i} of {request.Method} {request.RequestUri}:\nexpected {expectedLines[i]}\nactual   {actualLines[i]}");
            }
        }
        return new HttpResponseMessage((HttpStatusCode)expected.Status)
        {
            Content = new StringContent(expected.ResponseBody, Encoding.UTF8, "application/json"),
        };
    }

    private sealed record Exchange(string Method, string PathAndQuery, string? RequestBody, int Status, string ResponseBody, string[]? Fragments = null);
}


using RomApi.ServiceDefaults.Errors;
using RomApi.Platform.RequestIds;

namespace RomApi.Tests.ServiceDefaults;

public sealed class RequestIdTests
{
    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", true)]
    [InlineData("trace:1.2_3", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("new\nline", false)]
    [InlineData("<script>", false)]
    public void Only_short_plain_request_ids_are_taken_from_clients(string value, bool sane) =>
        Assert.Equal(sane, RequestIdMiddleware.IsSane(value));

    [Fact]
    public void A_request_id_longer_than_128_characters_is_refused() =>
        Assert.False(RequestIdMiddleware.IsSane(new string('a', 129)));

    [Fact]
    public async Task Outgoing_calls_carry_the_current_request_id_and_keep_one_already_set()
    {
        var current = new CurrentRequestId();
        var sent = new List<string?>();
        using var client = new HttpClient(new RequestIdPropagationHandler(current) { InnerHandler = new RecordingHandler(sent) });

        await client.GetAsync("http://service.invalid/outside-any-request");
        current.Value = "request-1";
        await client.GetAsync("http://service.invalid/in-a-request");
        using var chosen = new HttpRequestMessage(HttpMethod.Get, "http://service.invalid/own-id");
        chosen.Headers.Add(RequestIdMiddleware.HeaderName, "chosen-by-caller");
        await client.SendAsync(chosen);

        Assert.Equal([null, "request-1", "chosen-by-caller"], sent);
    }

    /// <summary>Stands in for the network: records the request id each call would carry.</summary>
    private sealed class RecordingHandler(List<string?> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request.Headers.TryGetValues(RequestIdMiddleware.HeaderName, out var values) ? values.Single() : null);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }

    [Theory]
    [InlineData(400, "BAD_REQUEST")]
    [InlineData(401, "UNAUTHORIZED")]
    [InlineData(412, "PRECONDITION_FAILED")]
    [InlineData(413, "PAYLOAD_TOO_LARGE")]
    [InlineData(415, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData(422, "VALIDATION_ERROR")]
    [InlineData(500, "INTERNAL_ERROR")]
    [InlineData(504, "GATEWAY_TIMEOUT")]
    public void Each_status_maps_to_the_code_API_md_names(int status, string code) =>
        Assert.Equal(code, ErrorCodes.ForStatus(status));
}

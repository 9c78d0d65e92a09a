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

using System.Net.Http.Headers;

namespace RomApi.Client;

public partial class RomApiClient
{
    private string? _bearer;

    /// <summary>Sends <c>Authorization: Bearer &lt;accessToken&gt;</c> on every later call of this client.</summary>
    public void SetBearer(string? accessToken) => _bearer = accessToken;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (_bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearer);
        }
    }
}

namespace RomApi.Tests.ResourceService;

/// <summary>What every refusal must look like, and the change feed's position to prove that nothing was written.</summary>
public static class BadInputChecks
{
    public static readonly string Megabyte = new('x', 1024 * 1024);

    /// <summary>Asserts a <paramref name="status"/> answer in the error envelope (with <paramref name="code"/> when given) and no stack trace.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, int status, string? code, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what}: expected {status}, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        var error = JsonDocument.Parse(text).RootElement;
        Assert.False(error.GetProperty("success").GetBoolean());
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.DoesNotContain("   at ", text);
        return error.GetProperty("error");
    }

    /// <summary>A 422 naming <paramref name="field"/> among its details.</summary>
    public static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string what)
    {
        var error = await AssertErrorAsync(response, 422, "VALIDATION_ERROR", what);
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
    }

    /// <summary>Sets <paramref name="path"/> ("name" or "address.city") to <paramref name="value"/> in a JSON body.</summary>
    public static Dictionary<string, object?> Nest(string path, string value, Dictionary<string, object?> body)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            body[path] = value;
        }
        else
        {
            body[parts[0]] = new Dictionary<string, object?> { [parts[1]] = value };
        }
        return body;
    }

    /// <summary>The sequence of the last change-feed event: every write to a resource (hours and images included) moves it.</summary>
    public static async Task<long> LastSequenceAsync(this ResourceTestClient api)
    {
        var cursor = 0L;
        while (true)
        {
            using var response = await api.SendToServiceAsync(HttpMethod.Get, $"/internal/changes?after={cursor}&limit=1000", PlatformIdentity.Service("tests"));
            var body = await ResourceTestClient.ReadAsync(response);
            var next = body.GetProperty("meta").GetProperty("lastSequence").GetInt64();
            if (next == cursor)
            {
                return cursor;
            }
            cursor = next;
        }
    }
}

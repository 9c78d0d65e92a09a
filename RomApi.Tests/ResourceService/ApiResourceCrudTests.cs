using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

public sealed class ApiResourceCrudTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task Create_returns_201_pending_with_accent_folded_unique_slug_and_enriched_fields()
    {
        var name = "Café Étoile " + Guid.NewGuid().ToString("N")[..6];
        var first = await Api.CreateAsync(Owner, new
        {
            name,
            resourceType = "BUSINESS",
            categorySlug = "cafe",
            address = new { city = "yaounde" },
            contact = new { phone = "699 12 34 56", website = "cafe-etoile.cm", email = "Contact@Cafe-Etoile.CM" },
        });
        var second = await Api.CreateAsync(Owner, new { name, resourceType = "BUSINESS" });

        var expectedSlug = "cafe-etoile-" + name[^6..];
        Assert.Equal(expectedSlug, first.GetProperty("slug").GetString());
        Assert.Equal(expectedSlug + "-2", second.GetProperty("slug").GetString());
        Assert.Equal("PENDING", first.GetProperty("status").GetString());
        Assert.Equal(OwnerId.ToString(), first.GetProperty("userId").GetString());
        Assert.Equal("+237699123456", first.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal("https://cafe-etoile.cm/", first.GetProperty("contact").GetProperty("website").GetString());
        Assert.Equal("Contact@cafe-etoile.cm", first.GetProperty("contact").GetProperty("email").GetString());
        var address = first.GetProperty("address");
        Assert.Equal("Centre", address.GetProperty("region").GetString());
        Assert.InRange(address.GetProperty("latitude").GetDouble(), 3.8, 3.9);
        Assert.InRange(address.GetProperty("longitude").GetDouble(), 11.4, 11.6);
        Assert.Equal("CM", address.GetProperty("country").GetString());
        Assert.Equal("cafe", first.GetProperty("category").GetProperty("slug").GetString());
        Assert.StartsWith(name, first.GetProperty("seo").GetProperty("metaTitle").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("seo").GetProperty("metaDescription").GetString()));
    }

    [Fact]
    public async Task Gazetteer_finds_alternate_names_without_accents()
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Garage"), resourceType = "BUSINESS", address = new { city = "Ngaoundere" } });

        Assert.Equal("Adamaoua", created.GetProperty("address").GetProperty("region").GetString());
        Assert.Equal(JsonValueKind.Number, created.GetProperty("address").GetProperty("latitude").ValueKind);
    }

    [Fact]
    public async Task Anonymous_sees_only_active_published_resources_owner_sees_own_admin_sees_all()
    {
        var pending = await Api.CreateAsync(Owner, new { name = UniqueName("Pending shop"), resourceType = "BUSINESS" });
        var published = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Public shop"), resourceType = "BUSINESS" });
        var pendingPath = $"/api/v1/api-resources/{Id(pending)}";

        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, pendingPath, Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, pendingPath, OtherUser)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, pendingPath, await Credentials.ApiKeyAsync(Owner, Permissions.ResourcesRead))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, pendingPath, Owner)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, pendingPath, Admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(published)}", Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/slug/{published.GetProperty("slug").GetString()}", Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/slug/{pending.GetProperty("slug").GetString()}", Anonymous)).StatusCode);

        var anonymousList = await ListIdsAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100", Anonymous);
        var ownerList = await ListIdsAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100", Owner);
        var adminList = await ListIdsAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100&status=PENDING", Admin);
        Assert.Contains(Id(published), anonymousList);
        Assert.DoesNotContain(Id(pending), anonymousList);
        Assert.Contains(Id(pending), ownerList);
        Assert.Contains(Id(pending), adminList);
        Assert.DoesNotContain(Id(published), adminList);
    }

    [Fact]
    public async Task Another_service_reads_any_non_deleted_resource_with_its_owner_but_not_through_the_gateway()
    {
        var pending = await Api.CreateAsync(Owner, new { name = UniqueName("Looked up"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(pending)}";
        var analytics = PlatformIdentity.Service("analyticsservice");

        using var asService = await Api.SendToServiceAsync(HttpMethod.Get, path, analytics);
        var data = (await ReadAsync(asService)).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, asService.StatusCode);
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.Equal(OwnerId.ToString(), data.GetProperty("userId").GetString());
        // A client presenting the same service token to the gateway is anonymous to the service: the gateway strips it.
        var serviceToken = await Api.ServiceTokenAsync("analyticsservice");
        using var viaGateway = await Api.SendAsync(HttpMethod.Get, path, Anonymous,
            configure: request => request.Headers.Add(PlatformTokenService.HeaderName, serviceToken));
        Assert.Equal(HttpStatusCode.NotFound, viaGateway.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, path, Owner)).StatusCode);
        using var deleted = await Api.SendToServiceAsync(HttpMethod.Get, path, analytics);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task Api_key_needs_resources_read_to_read_and_resources_write_to_write()
    {
        var readOnly = await Credentials.ApiKeyAsync(Owner, Permissions.ResourcesRead);
        var searchOnly = await Credentials.ApiKeyAsync(Owner, Permissions.SearchRead);
        var writer = await Credentials.ApiKeyAsync(Owner, Permissions.ResourcesWrite, Permissions.ResourcesRead);

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Get, "/api/v1/api-resources", searchOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/api/v1/api-resources", readOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", readOnly, new { name = "x", resourceType = "API" })).StatusCode);
        var created = await Api.CreateAsync(writer, new { name = UniqueName("Keyed"), resourceType = "API" });
        Assert.Equal(OwnerId.ToString(), created.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Writes_need_authentication_and_changes_need_the_owner_or_an_admin()
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Owned"), resourceType = "SERVICE" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var body = new { name = "Renamed", resourceType = "SERVICE" };

        using var anonymousCreate = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Anonymous, body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await ReadAsync(anonymousCreate)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Put, path, Anonymous, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Delete, path, Anonymous)).StatusCode);
        // The other user cannot even see the pending resource: 404, not 403. Once published, 403.
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Put, path, OtherUser, body)).StatusCode);
        await Api.SendAsync(HttpMethod.Post, path + "/publish", Admin);
        using var forbidden = await Api.SendAsync(HttpMethod.Put, path, OtherUser, body);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("FORBIDDEN", (await ReadAsync(forbidden)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Patch, path, OtherUser, new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Delete, path, OtherUser)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, path, Admin, body)).StatusCode);
    }

    [Fact]
    public async Task A_forged_identity_token_is_refused_with_401()
    {
        // The gateway strips a client's identity header, so only a caller inside the network can present one: ask the service.
        using var response = await Api.SendToServiceAsync(HttpMethod.Get, "/api/v1/api-resources", null,
            configure: request => request.Headers.Add(PlatformTokenService.HeaderName, "eyJhbGciOiJIUzI1NiJ9.e30.forged"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A new resource of the owner's with description "v1": its path and the ETag a read of it gives.</summary>
    private async Task<(string Path, string ETag)> CreateAndReadEtagAsync(string name)
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName(name), resourceType = "DATA", description = "v1" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        using var read = await Api.SendAsync(HttpMethod.Get, path, Owner);
        return (path, read.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Put_and_patch_need_the_current_etag_when_if_match_is_sent_and_answer_412_when_stale()
    {
        var (path, etag) = await CreateAndReadEtagAsync("Versioned");

        using var patched = await Api.SendAsync(HttpMethod.Patch, path, Owner, rawBody: """{"description":"v2","address":{"city":"Douala"}}""",
            contentType: "application/merge-patch+json", configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        var patchedBody = await ReadAsync(patched);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("v2", patchedBody.GetProperty("data").GetProperty("description").GetString());
        Assert.Equal("Littoral", patchedBody.GetProperty("data").GetProperty("address").GetProperty("region").GetString());
        Assert.NotEqual(etag, patched.Headers.ETag!.ToString());

        using var stale = await Api.SendAsync(HttpMethod.Put, path, Owner, new { name = "Stale", resourceType = "DATA" },
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("PRECONDITION_FAILED", (await ReadAsync(stale)).GetProperty("error").GetProperty("code").GetString());
        using var staleDelete = await Api.SendAsync(HttpMethod.Delete, path, Owner, configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);

        using var afterStale = await Api.SendAsync(HttpMethod.Get, path, Owner);
        Assert.Equal("v2", (await ReadAsync(afterStale)).GetProperty("data").GetProperty("description").GetString());
        using var notModified = await Api.SendAsync(HttpMethod.Get, path, Owner,
            configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", afterStale.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_patch_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var (path, staleEtag) = await CreateAndReadEtagAsync("Contended");
        // Someone else changes it first.
        using var other = await Api.SendAsync(HttpMethod.Patch, path, Owner, new { description = "v2" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var currentEtag = other.Headers.ETag!.ToString();

        using var stale = await Api.SendAsync(HttpMethod.Patch, path, Owner, rawBody: """{"description":"lost update","address":{"city":"Garoua"}}""",
            contentType: "application/merge-patch+json", configure: r => r.Headers.TryAddWithoutValidation("If-Match", staleEtag));

        var error = await ReadAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal("PRECONDITION_FAILED", error.GetProperty("error").GetProperty("code").GetString());
        using var reread = await Api.SendAsync(HttpMethod.Get, path, Owner);
        var data = (await ReadAsync(reread)).GetProperty("data");
        Assert.Equal("v2", data.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("address").GetProperty("city").ValueKind);
        Assert.Equal(currentEtag, reread.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Patch_null_removes_a_field_and_put_replaces_everything()
    {
        var created = await Api.CreateAsync(Owner, new
        {
            name = UniqueName("Patchable"), resourceType = "SERVICE", description = "to remove", contact = new { phone = "+33 1 23 45 67 89" },
        });
        var path = $"/api/v1/api-resources/{Id(created)}";
        Assert.Equal("+33123456789", created.GetProperty("contact").GetProperty("phone").GetString());

        using var patched = await Api.SendAsync(HttpMethod.Patch, path, Owner, rawBody: """{"description":null}""");
        var data = (await ReadAsync(patched)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal("+33123456789", data.GetProperty("contact").GetProperty("phone").GetString());

        using var replaced = await Api.SendAsync(HttpMethod.Put, path, Owner, new { name = "Replaced entirely", resourceType = "API" });
        var replacedData = (await ReadAsync(replaced)).GetProperty("data");
        Assert.Equal("API", replacedData.GetProperty("resourceType").GetString());
        Assert.Equal(JsonValueKind.Null, replacedData.GetProperty("contact").GetProperty("phone").ValueKind);
        Assert.Equal(created.GetProperty("slug").GetString(), replacedData.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_taken_slug_or_external_id_is_409()
    {
        var externalId = "ext-" + Guid.NewGuid();
        var first = await Api.CreateAsync(Owner, new { name = UniqueName("First"), resourceType = "DATA", externalId });

        using var sameSlug = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner,
            new { name = "Other", resourceType = "DATA", slug = first.GetProperty("slug").GetString() });
        using var sameExternal = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner,
            new { name = "Other", resourceType = "DATA", externalId });

        Assert.Equal(HttpStatusCode.Conflict, sameSlug.StatusCode);
        Assert.Equal("CONFLICT", (await ReadAsync(sameSlug)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, sameExternal.StatusCode);
    }

    [Fact]
    public async Task Delete_is_soft_and_answers_404_everywhere_afterwards_even_from_the_cache()
    {
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Doomed"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var slugPath = $"/api/v1/api-resources/slug/{created.GetProperty("slug").GetString()}";
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, path, Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, slugPath, Anonymous)).StatusCode);

        using var deleted = await Api.SendAsync(HttpMethod.Delete, path, Owner);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        foreach (var caller in new[] { Anonymous, Owner, Admin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, path, caller)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, slugPath, caller)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, path, Owner)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Put, path, Admin, new { name = "x", resourceType = "API" })).StatusCode);
        Assert.DoesNotContain(Id(created), await ListIdsAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100", Admin));
    }

    [Fact]
    public async Task A_read_after_a_write_is_never_stale()
    {
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Fresh"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        for (var round = 0; round < 5; round++)
        {
            // Warm the cache, write, read again.
            await Api.SendAsync(HttpMethod.Get, path, Anonymous);
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={OwnerId}&limit=100", Anonymous);
            var description = $"round {round}";
            using var written = await Api.SendAsync(HttpMethod.Patch, path, Owner, new { description });
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);

            using var read = await Api.SendAsync(HttpMethod.Get, path, Anonymous);
            Assert.Equal(description, (await ReadAsync(read)).GetProperty("data").GetProperty("description").GetString());
            using var list = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={OwnerId}&limit=100", Anonymous);
            var inList = (await ReadAsync(list)).GetProperty("data").EnumerateArray().Single(r => r.GetProperty("id").GetString() == Id(created));
            Assert.Equal(description, inList.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task List_filters_sorts_and_pages_and_rejects_bad_query_values_with_400()
    {
        var city = "Kribi";
        var owner = await Credentials.NewUserAsync();
        foreach (var name in new[] { "Bravo", "Alpha", "Charlie" })
        {
            await Api.CreatePublishedAsync(owner, new { name = $"{name} {Guid.NewGuid():N}"[..14], resourceType = "BUSINESS", categorySlug = "pharmacie", address = new { city } });
        }

        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={owner.Id}&city=kribi&category=sante&resourceType=business&sort=name:asc&limit=2&offset=0", Anonymous);
        var body = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(2, body.GetProperty("meta").GetProperty("limit").GetInt32());
        var names = body.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.StartsWith("Alpha", names[0]);
        Assert.StartsWith("Bravo", names[1]);

        foreach (var bad in new[] { "limit=0", "limit=101", "limit=-1", "offset=-1", "offset=99999999999", "limit=abc", "sort=drop", "status=DELETED", "resourceType=PLANET", "plan=GOLD", "verified=maybe", "categoryId=not-a-guid", "category=no-such-category" })
        {
            using var rejected = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?{bad}", Anonymous);
            Assert.True(rejected.StatusCode == HttpStatusCode.BadRequest, $"{bad} -> {(int)rejected.StatusCode}");
            Assert.Equal("BAD_REQUEST", (await ReadAsync(rejected)).GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Unknown_ids_and_slugs_are_404_in_the_envelope()
    {
        foreach (var path in new[] { $"/api/v1/api-resources/{Guid.NewGuid()}", "/api/v1/api-resources/slug/no-such-slug", $"/api/v1/api-resources/{Guid.NewGuid()}/hours", $"/api/v1/api-resources/{Guid.NewGuid()}/images" })
        {
            using var response = await Api.SendAsync(HttpMethod.Get, path, Admin);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("NOT_FOUND", (await ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }
    }

    private async Task<List<string>> ListIdsAsync(string path, Caller caller)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, path, caller);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }
}

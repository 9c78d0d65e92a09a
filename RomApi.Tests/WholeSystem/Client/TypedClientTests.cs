using RomApi.Client;
using Permissions = RomApi.Client.Permissions;

namespace RomApi.Tests.WholeSystem.Client;

/// <summary>The client generated from docs/openapi.json, against the real system: the document is proven by a consumer.</summary>
public sealed class TypedClientTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task A_user_registers_creates_a_resource_reads_it_and_makes_an_api_key_through_the_generated_client()
    {
        var client = new RomApiClient(Gateway);
        var email = GatewayClients.NewEmail("typed");

        var registered = await client.RegisterAsync(new RegisterRequest { Email = email, Password = GatewayClients.TestPassword, Name = "Typed Client", UserType = RegisterRequestUserType.BUSINESS });
        client.SetBearer(registered.Data.AccessToken);
        var created = await client.CreateApiResourceAsync(new ResourceInput
        {
            Name = $"Typed client bakery {Guid.NewGuid():N}",
            ResourceType = ResourceInputResourceType.BUSINESS,
            Address = new AddressInput { City = "Douala", Country = "CM" },
            Contact = new ContactInput { Phone = "699 00 00 00" },
        });
        var read = await client.GetApiResourceAsync(created.Data.Id);
        var key = await client.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "typed", Permissions = [Permissions.ResourcesRead, Permissions.SearchRead] });
        var me = await client.GetMeAsync();

        Assert.Equal(UserProfileUserType.BUSINESS, registered.Data.User.UserType);
        Assert.Equal(ResourceStatus.PENDING, created.Data.Status);
        Assert.Equal(ResourceType.BUSINESS, read.Data.ResourceType);
        Assert.Equal("Littoral", read.Data.Address.Region); // filled from the gazetteer
        Assert.Equal("+237699000000", read.Data.Contact.Phone);
        Assert.Equal(["resources:read", "search:read"], key.Data.Permissions.Order());
        Assert.StartsWith(key.Data.KeyPrefix, key.Data.Key);
        Assert.Equal(email, me.Data.Email);
    }

    [Fact]
    public async Task Errors_arrive_as_typed_envelopes_with_their_code()
    {
        var client = new RomApiClient(Gateway);

        var missing = await Assert.ThrowsAsync<RomApiException<ApiErrorResponse>>(() => client.GetApiResourceAsync(Guid.NewGuid()));
        var login = await Assert.ThrowsAsync<RomApiException<ApiErrorResponse>>(() =>
            client.LoginAsync(new LoginRequest { Email = GatewayClients.NewEmail("nobody"), Password = "not the password" }));
        var anonymousWrite = await Assert.ThrowsAsync<RomApiException<ApiErrorResponse>>(() =>
            client.CreateApiResourceAsync(new ResourceInput { Name = "x", ResourceType = ResourceInputResourceType.API }));

        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("NOT_FOUND", missing.Result.Error.Code);
        Assert.Equal(401, login.StatusCode);
        Assert.Equal("INVALID_CREDENTIALS", login.Result.Error.Code);
        Assert.Equal(401, anonymousWrite.StatusCode);
        Assert.Equal("UNAUTHORIZED", anonymousWrite.Result.Error.Code);
        Assert.False(string.IsNullOrEmpty(missing.Result.Error.RequestId));
    }
}

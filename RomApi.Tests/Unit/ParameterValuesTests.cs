using Microsoft.Extensions.Configuration;
using RomApi.Hosting.Orchestration;

namespace RomApi.Tests.Unit;

public sealed class ParameterValuesTests
{
    private static ParameterResource Secret(string name) => new(name, secret: true, defaultValue: null, generatedLength: 32);

    [Fact]
    public async Task A_secret_left_unset_is_generated_once_and_kept_private_in_the_data_folder()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("romapi-params").FullName);
        var empty = new ConfigurationBuilder().Build();
        var first = Secret("jwt-signing-key");
        var second = Secret("jwt-signing-key");

        ParameterValues.Resolve([first], empty, data);
        ParameterValues.Resolve([second], empty, data);

        var value = await first.GetValueAsync();
        Assert.Equal(32, value!.Length);
        Assert.Equal(value, await second.GetValueAsync());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.For("parameters.json")));
    }

    [Fact]
    public async Task Configuration_wins_over_defaults_and_generation()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("romapi-params").FullName);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parameters:admin-password"] = "from-config",
            ["Parameters:admin-email"] = "ops@example.cm",
        }).Build();
        var password = Secret("admin-password");
        var email = new ParameterResource("admin-email", secret: false, defaultValue: "admin@romapi.local", generatedLength: 0);

        ParameterValues.Resolve([password, email], configuration, data);

        Assert.Equal("from-config", await password.GetValueAsync());
        Assert.Equal("ops@example.cm", await email.GetValueAsync());
        Assert.False(File.Exists(data.For("parameters.json")));
    }

    [Fact]
    public void A_required_parameter_without_value_names_the_variable_to_set()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("romapi-params").FullName);
        var required = new ParameterResource("api-token", secret: false, defaultValue: null, generatedLength: 0);

        var error = Assert.Throws<DistributedApplicationException>(() => ParameterValues.Resolve([required], new ConfigurationBuilder().Build(), data));

        Assert.Contains("Parameters__api-token", error.Message);
    }
}

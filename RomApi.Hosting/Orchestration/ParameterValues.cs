using Microsoft.Extensions.Configuration;
using RomApi.Hosting.ApplicationModel;
using System.Security.Cryptography;
using System.Text.Json;

namespace RomApi.Hosting.Orchestration;

/// <summary>Gives every parameter its run-mode value: configuration, then its default, then (secrets) a value generated once and kept.</summary>
internal static class ParameterValues
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static void Resolve(IEnumerable<ParameterResource> parameters, IConfiguration configuration, DataDirectory data)
    {
        var storePath = data.For("parameters.json");
        var stored = File.Exists(storePath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(storePath)) ?? []
            : [];
        var changed = false;

        foreach (var parameter in parameters)
        {
            var value = configuration[$"Parameters:{parameter.Name}"] ?? parameter.DefaultValue;
            if (value is null && parameter.GeneratedLength > 0)
            {
                if (!stored.TryGetValue(parameter.Name, out value))
                {
                    value = RandomNumberGenerator.GetString(Alphabet, parameter.GeneratedLength);
                    stored[parameter.Name] = value;
                    changed = true;
                }
            }
            if (value is null)
            {
                throw new DistributedApplicationException(
                    $"The parameter '{parameter.Name}' has no value. Set it in configuration as Parameters:{parameter.Name} (environment Parameters__{parameter.Name}).");
            }
            parameter.SetValue(value);
        }

        if (changed)
        {
            File.WriteAllText(storePath, JsonSerializer.Serialize(stored));
            UnixFiles.MakePrivate(storePath);
        }
    }
}

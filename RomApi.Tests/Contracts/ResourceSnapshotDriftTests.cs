using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RomApi.Contracts;
using RomApi.Contracts.Resources;
using RomApi.ResourceService.ApiResources;
using RomApi.ResourceService.Data;
using RomApi.ServiceDefaults.Errors;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RomApi.Tests.Contracts;

/// <summary>
/// The change feed's <see cref="ResourceSnapshot"/> (RomApi.Contracts) and the public <see cref="ApiResourceDto"/> describe the same
/// resource: a property the DTO gains, renames or retypes without the snapshot following fails here, before search silently loses it.
/// </summary>
public sealed class ResourceSnapshotDriftTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

    /// <summary>Every property set, every list non-empty, so that any property of the DTO reaches the JSON.</summary>
    private static ApiResourceDto FullyPopulated() => new(
        Guid.Parse("01a22630-d590-7228-887e-fd94d6f95121"),
        "osm:node/4362545885",
        Guid.Parse("01a2262f-0000-7000-8000-000000000001"),
        "Boulangerie Saint-Éloi",
        "boulangerie-saint-eloi",
        "Pain, croissants et gâteaux à Yaoundé.",
        ResourceType.Business,
        Guid.Parse("01a2262f-32d1-7a30-a31a-277ffbbbe46a"),
        new CategorySummaryDto(Guid.Parse("01a2262f-32d1-7a30-a31a-277ffbbbe46a"), "Boulangerie", "boulangerie"),
        new AddressDto("Rue 1.234", "Quartier Bastos", "Yaoundé", "Centre", "BP 1234", "CM", 3.8667, 11.5167),
        new ContactDto("+237699000000", "contact@saint-eloi.cm", "https://saint-eloi.cm"),
        ResourceStatus.Active,
        ResourcePlan.Premium,
        true,
        new SeoDto("Boulangerie Saint-Éloi", "Le pain de Bastos"),
        [new HoursDto(1, "06:30", "19:00", false)],
        [new ImageDto(Guid.Parse("01a22630-0000-7000-8000-000000000002"), "https://img.saint-eloi.cm/1.jpg", "Vitrine", true, 0, Created)],
        Created,
        Created.AddHours(2),
        Created.AddHours(1));

    [Fact]
    public void The_snapshot_reads_the_resource_DTO_whole_and_writes_it_back_unchanged()
    {
        var dto = FullyPopulated();
        Assert.Empty(UnsetMembers(dto, nameof(ApiResourceDto)));
        var dtoJson = JsonSerializer.SerializeToNode(dto, ApiJsonOptions())!;

        // Strict reading: a DTO property the snapshot has no member for, a snapshot member the DTO does not send, or a null
        // where the snapshot does not allow one, all throw.
        var strict = new JsonSerializerOptions(ContractJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        ResourceSnapshot snapshot;
        try
        {
            snapshot = dtoJson.Deserialize<ResourceSnapshot>(strict)!;
        }
        catch (JsonException exception)
        {
            Assert.Fail($"{nameof(ApiResourceDto)} and {nameof(ResourceSnapshot)} drifted: the DTO's JSON does not read into the snapshot " +
                        $"({exception.Message}). Give {nameof(ResourceSnapshot)} (RomApi.Contracts) the same property, and ApiResourceMapping.ToSnapshot with it.");
            return;
        }

        var roundTrip = JsonSerializer.SerializeToNode(snapshot, ContractJson.Options)!;
        AssertSameJson(dtoJson, roundTrip, "the DTO read into the snapshot and written again");
    }

    [Fact]
    public void The_outbox_snapshot_of_a_resource_is_its_API_view()
    {
        var dto = FullyPopulated();
        var dtoJson = JsonSerializer.SerializeToNode(dto, ApiJsonOptions())!;

        var outbox = JsonNode.Parse(RomApi.ResourceService.ChangeFeed.OutboxSnapshot.Serialize(dto))!;

        AssertSameJson(dtoJson, outbox, "ApiResourceMapping.ToSnapshot serialized for the outbox");
        Assert.Equal($"\"{ResourceSnapshot.ActiveStatus}\"", JsonSerializer.Serialize(ResourceStatus.Active, ApiJsonOptions()));
    }

    /// <summary>The resource service's own HTTP JSON options, as its start-up configures them.</summary>
    private static JsonSerializerOptions ApiJsonOptions()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddErrorEnvelope();
        using var services = builder.Services.BuildServiceProvider();
        return new ResourceJson(services.GetRequiredService<IOptions<JsonOptions>>()).Options;
    }

    private static void AssertSameJson(JsonNode expected, JsonNode actual, string what)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        Assert.True(differences.Count == 0,
            $"{nameof(ApiResourceDto)} and {nameof(ResourceSnapshot)} drifted ({what}):\n  " + string.Join("\n  ", differences));
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: in the DTO, missing from the snapshot");
                        continue;
                    }
                    Compare(value, a[name], $"{path}.{name}", differences);
                }
                foreach (var (name, _) in a)
                {
                    if (!e.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: in the snapshot, missing from the DTO");
                    }
                }
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: DTO {expected?.ToJsonString() ?? "null"}, snapshot {actual?.ToJsonString() ?? "null"}");
                }
                break;
        }
    }

    /// <summary>Members of the sample (recursively) left null or empty: each would hide a drift of that member.</summary>
    private static IEnumerable<string> UnsetMembers(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.DeclaringType == value.GetType()))
        {
            var member = property.GetValue(value);
            var memberPath = $"{path}.{property.Name}";
            switch (member)
            {
                case null:
                    yield return memberPath;
                    break;
                case string:
                    break;
                case IEnumerable items:
                    var any = false;
                    foreach (var item in items)
                    {
                        any = true;
                        foreach (var unset in UnsetMembers(item, memberPath + "[]"))
                        {
                            yield return unset;
                        }
                    }
                    if (!any)
                    {
                        yield return memberPath + " (empty)";
                    }
                    break;
                case var nested when nested.GetType().Namespace == typeof(ApiResourceDto).Namespace:
                    foreach (var unset in UnsetMembers(nested, memberPath))
                    {
                        yield return unset;
                    }
                    break;
            }
        }
    }
}

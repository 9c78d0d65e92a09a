namespace RomApi.Tests.Gateway;

/// <summary>
/// docs/openapi.json: the public document as committed (the typed client is generated from it and CI lints it). It is what
/// /docs/openapi.json serves, indented, with the server given as "/" (the gateway it is served by) instead of the address the test reached.
/// </summary>
public static class OpenApiExport
{
    public static readonly string CommittedPath = Path.Combine(FindRepositoryRoot(), "docs", "openapi.json");

    public static string Normalize(JsonObject served)
    {
        var copy = served.DeepClone().AsObject();
        copy["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "The gateway that serves this document (the AppHost's: port 8080, AppHost__GatewayPort)" });
        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RomApi.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("RomApi.sln not found above the test output.");
    }
}

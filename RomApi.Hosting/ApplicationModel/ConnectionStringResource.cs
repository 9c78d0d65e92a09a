namespace RomApi.Hosting.ApplicationModel;

/// <summary>A named connection string built from other values (a <c>value.v0</c> in the manifest).</summary>
public sealed class ConnectionStringResource(string name, ReferenceExpression expression) : IResourceWithConnectionString
{
    public string Name { get; } = name;
    public ReferenceExpression ConnectionStringExpression { get; } = expression;
}

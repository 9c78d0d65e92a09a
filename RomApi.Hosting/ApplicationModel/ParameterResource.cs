namespace RomApi.Hosting.ApplicationModel;

/// <summary>
/// A value given from outside (configuration <c>Parameters:{name}</c>). A secret left unset in run mode is generated once
/// and kept in the data folder; in the manifest it becomes a <c>parameter.v0</c> that Aspirate generates.
/// </summary>
public sealed class ParameterResource(string name, bool secret, string? defaultValue, int generatedLength)
    : IResource, IValueProvider, IManifestExpressionProvider
{
    private string? _value;

    public string Name { get; } = name;
    public bool Secret { get; } = secret;
    public string? DefaultValue { get; } = defaultValue;

    /// <summary>Length of a generated value; 0 when the parameter is never generated.</summary>
    public int GeneratedLength { get; } = generatedLength;

    public string ValueExpression => $"{{{Name}.value}}";

    public bool HasValue => _value is not null;

    internal void SetValue(string value) => _value = value;

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(_value ?? throw new InvalidOperationException($"Parameter '{Name}' has no value yet."));
}

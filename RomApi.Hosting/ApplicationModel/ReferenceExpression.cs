using System.Runtime.CompilerServices;
using System.Text;
using RomApi.Hosting;

namespace RomApi.Hosting.ApplicationModel;

/// <summary>A value known at run time (a port, a password).</summary>
public interface IValueProvider
{
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>A value written into the manifest as an expression such as <c>{postgres.bindings.tcp.port}</c>.</summary>
public interface IManifestExpressionProvider
{
    string ValueExpression { get; }
}

/// <summary>
/// A string built from literals and references, as Aspire's ReferenceExpression: it yields the real value in run mode
/// and a manifest expression in publish mode.
/// </summary>
public sealed class ReferenceExpression : IValueProvider, IManifestExpressionProvider
{
    private readonly string _format;
    private readonly object[] _parts;

    private ReferenceExpression(string format, object[] parts)
    {
        _format = format;
        _parts = parts;
    }

    /// <summary>The references this expression is made of (parameters, endpoints, other expressions).</summary>
    public IReadOnlyList<object> References => _parts;

    public string ValueExpression =>
        string.Format(_format, _parts.Select(part => (object)((IManifestExpressionProvider)part).ValueExpression).ToArray());

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var values = new object[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            values[i] = await ((IValueProvider)_parts[i]).GetValueAsync(cancellationToken) ?? string.Empty;
        }
        return string.Format(_format, values);
    }

    public static ReferenceExpression Create(ref ExpressionInterpolatedStringHandler handler) => handler.Build();

    public static ReferenceExpression Literal(string value) => new(Escape(value), []);

    private static string Escape(string literal) => literal.Replace("{", "{{").Replace("}", "}}");

    [InterpolatedStringHandler]
    public ref struct ExpressionInterpolatedStringHandler
    {
        private readonly StringBuilder _format;
        private readonly List<object> _parts;

        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _format = new StringBuilder(literalLength + formattedCount * 4);
            _parts = new List<object>(formattedCount);
        }

        public void AppendLiteral(string value) => _format.Append(Escape(value));

        public void AppendFormatted(string? value) => _format.Append(Escape(value ?? string.Empty));

        public void AppendFormatted<T>(T value) where T : IValueProvider, IManifestExpressionProvider
        {
            _format.Append('{').Append(_parts.Count).Append('}');
            _parts.Add(value);
        }

        public void AppendFormatted<T>(IResourceBuilder<T> builder) where T : IResource, IValueProvider, IManifestExpressionProvider =>
            AppendFormatted(builder.Resource);

        internal readonly ReferenceExpression Build() => new(_format.ToString(), [.. _parts]);
    }
}

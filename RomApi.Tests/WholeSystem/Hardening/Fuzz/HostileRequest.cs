namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>Who sends a fuzzed request.</summary>
public enum FuzzCaller { Anonymous, User, Admin }

/// <summary>One fuzzed request: the operation, what was made hostile, and the exact bytes of its URL and body.</summary>
public sealed record HostileRequest(ApiOperation Operation, string Variant, string Method, string RelativeUrl, byte[]? Body, string? ContentType)
{
    public override string ToString() =>
        $"{Operation} [{Variant}] {Method} {(RelativeUrl.Length > 160 ? RelativeUrl[..160] + "…" : RelativeUrl)}" +
        (Body is null ? "" : $" body {Body.Length} bytes ({ContentType})");
}

namespace RomApi.Contracts;

/// <summary>A success envelope's body as another service reads it: its <c>data</c> (the envelope's other members left out).</summary>
public sealed record DataEnvelope<T>(T Data);

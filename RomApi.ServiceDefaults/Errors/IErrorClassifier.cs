namespace RomApi.ServiceDefaults.Errors;

/// <summary>
/// Maps an exception a library knows (its database's, say) to an envelope: the global handler asks each registered classifier
/// before it answers 500. A 503 tells the client to come back after <see cref="ErrorClassification.RetryAfter"/>.
/// </summary>
public interface IErrorClassifier
{
    ErrorClassification? Classify(Exception exception);
}

public sealed record ErrorClassification(int Status, string Message, TimeSpan? RetryAfter = null);

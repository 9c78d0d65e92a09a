using RomApi.Text;
using System.Net.Mail;

namespace RomApi.Gateway.Identity;

public static class IdentityValidation
{
    public const int MinPasswordLength = 10;
    private const int MaxPasswordLength = 256;

    public static List<FieldError> Register(RegisterRequest request)
    {
        var errors = new List<FieldError>();
        Email(request.Email, errors);
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length < MinPasswordLength)
        {
            errors.Add(new("password", $"Use at least {MinPasswordLength} characters."));
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            errors.Add(new("password", $"Use at most {MaxPasswordLength} characters."));
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            errors.Add(new("name", "Give a name of 1 to 200 characters."));
        }
        else if (TextChecks.Problem(request.Name) is { } problem)
        {
            errors.Add(new("name", $"The name {problem}."));
        }
        if (request.UserType is not (null or "INDIVIDUAL" or "BUSINESS"))
        {
            errors.Add(new("userType", "Use INDIVIDUAL or BUSINESS."));
        }
        return errors;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whether an account could have this email: registration refuses text PostgreSQL cannot hold (NUL, lone surrogates).</summary>
    public static bool CouldBeStored(string email) => TextChecks.Problem(email) is null;

    private static void Email(string? email, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Trim().Length > 254 ||
            !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim() || !address.Host.Contains('.'))
        {
            errors.Add(new("email", "Give a valid email address."));
        }
    }
}

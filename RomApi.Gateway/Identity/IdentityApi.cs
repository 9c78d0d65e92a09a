using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RomApi.ServiceDefaults.Envelopes;
namespace RomApi.Gateway.Identity;

/// <summary>/api/v1/auth: accounts and sessions (API.md "Identity").</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Identity");
        api.MapPost("/register", Register)
            .WithName("Register").WithAccess(ApiAccess.Anonymous).ProducesErrors(StatusCodes.Status409Conflict)
            .WithExamples("""{"email":"amina@example.com","password":"correct horse battery","name":"Amina Njoya","userType":"BUSINESS"}""",
                """{"success":true,"data":{"user":{"id":"3f1c2a52-8a0e-4c59-9a43-0d5e0f6d7b21","email":"amina@example.com","name":"Amina Njoya","userType":"BUSINESS","plan":"FREE","apiQuota":10000,"apiUsage":0,"pricingTier":null,"createdAt":"2026-11-29T08:00:00+00:00"},"accessToken":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...","refreshToken":"q1X0...","expiresIn":900},"timestamp":"2026-11-29T08:00:00+00:00"}""")
            .WithSummary("Create an account (INDIVIDUAL or BUSINESS, plan FREE) and log it in")
            .WithDescription("Passwords need 10+ characters and are stored as PBKDF2-HMAC-SHA512 (210,000 iterations). 409 when the email is taken (emails compare case-insensitively).");
        api.MapPost("/login", Login)
            .WithName("Login").WithAccess(ApiAccess.Anonymous)
            .ProducesError(StatusCodes.Status401Unauthorized, "INVALID_CREDENTIALS", "INVALID_CREDENTIALS: the email or the password is wrong (the same answer for both).")
            .WithExamples("""{"email":"amina@example.com","password":"correct horse battery"}""")
            .WithSummary("Exchange email and password for an access token and a refresh token")
            .WithDescription("401 INVALID_CREDENTIALS for an unknown email and a wrong password alike. Login protection slows guessing without " +
                             "locking the owner out: after 5 failures for one account from one client address, that address waits 30 s before " +
                             "its next attempt on that account, then twice as long after each further failure (up to 15 minutes); attempts in the " +
                             "wait answer 429 RATE_LIMIT_EXCEEDED with Retry-After, even with the right password. Once an account has 20 failures " +
                             "from all addresses together (within 15 minutes), every address waits from its first failure. An address that has " +
                             "not failed on the account is never delayed, and a right password clears its address's count.");
        api.MapPost("/refresh", Refresh)
            .WithName("RefreshTokens").WithAccess(ApiAccess.Anonymous).ProducesErrors(StatusCodes.Status401Unauthorized)
            .WithSummary("Exchange a refresh token for a new pair")
            .WithDescription("Refresh tokens rotate: each works once. Presenting a used one again is treated as theft: it is refused and its whole session is revoked.");
        api.MapPost("/logout", Logout).WithName("Logout").WithAccess(ApiAccess.Anonymous).WithSummary("End the session of a refresh token (idempotent)");
        api.MapGet("/me", Me).WithName("GetMe").WithAccess(ApiAccess.Caller).WithSummary("The calling account; apiUsage counts this calendar month's requests");
        return app;
    }

    private static async Task<Results<Created<ApiResponse<AuthTokens>>, ErrorResult>> Register(
        RegisterRequest request, IdentityDbContext db, IOptions<IdentityOptions> options, TokenPair tokens, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = IdentityValidation.Register(request);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }
        var email = IdentityValidation.Normalize(request.Email!);
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return ApiErrors.Conflict("An account with this email exists.");
        }
        var plan = UserPlan.Free;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            PasswordHash = PasswordHasher.Hash(request.Password!),
            Name = request.Name!.Trim(),
            UserType = request.UserType == "BUSINESS" ? UserType.Business : UserType.Individual,
            Plan = plan,
            ApiQuota = options.Value.MonthlyQuotaByPlan.GetValueOrDefault("FREE", 10_000),
            PricingTier = "FREE",
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiErrors.Conflict("An account with this email exists.");
        }
        return ApiResults.Created("/api/v1/auth/me", await tokens.IssueAsync(user, Guid.NewGuid(), 0, cancellationToken), time);
    }

    private static async Task<Results<Ok<ApiResponse<AuthTokens>>, ErrorResult>> Login(
        LoginRequest request, HttpContext context, IdentityDbContext db, LoginThrottle throttle, TokenPair tokens, GatewayMetrics metrics,
        QuotaUsageReader usage, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return ApiErrors.Validation([new("email", "Give an email and a password.")]);
        }
        var email = IdentityValidation.Normalize(request.Email);
        var ip = ClientIp.Of(context);
        if (await throttle.BeginAttemptAsync(email, ip, cancellationToken) is { } wait)
        {
            metrics.AuthFailure("login_throttled");
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ErrorResult(429, ErrorCodes.RateLimitExceeded,
                "Too many failed logins for this account from this address; wait before trying again (another address is not affected).");
        }

        // An email no account can have is an unknown email: the same answer and cost, without asking PostgreSQL (which refuses NUL).
        var user = IdentityValidation.CouldBeStored(email)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken)
            : null;
        var valid = user is null ? PasswordHasher.VerifyAgainstNothing(request.Password) : PasswordHasher.Verify(request.Password, user.PasswordHash);
        if (!valid || user is null)
        {
            metrics.AuthFailure("invalid_credentials");
            return new ErrorResult(401, "INVALID_CREDENTIALS", "The email or the password is wrong.");
        }
        await throttle.SucceededAsync(email, ip, cancellationToken);
        return ApiResults.Ok(await tokens.IssueAsync(user, Guid.NewGuid(), await usage.MonthToDateAsync(user.Id), cancellationToken), time);
    }

    private static async Task<Results<Ok<ApiResponse<AuthTokens>>, ErrorResult>> Refresh(
        RefreshRequest request, RefreshTokenStore store, AccessTokenService access, GatewayMetrics metrics, QuotaUsageReader usage,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return ApiErrors.Validation([new("refreshToken", "Give the refresh token.")]);
        }
        if (await store.RotateAsync(request.RefreshToken, cancellationToken) is not { } rotated)
        {
            metrics.AuthFailure("invalid_refresh_token");
            return ApiErrors.Unauthorized("The refresh token is not valid (unknown, expired, used or revoked).");
        }
        var profile = UserProfile.Of(rotated.User, await usage.MonthToDateAsync(rotated.User.Id));
        return ApiResults.Ok(new AuthTokens(profile, access.Issue(rotated.User), rotated.Token, (long)access.Lifetime.TotalSeconds), time);
    }

    private static async Task<NoContent> Logout(RefreshRequest request, RefreshTokenStore store, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            await store.RevokeSessionAsync(request.RefreshToken, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ApiResponse<UserProfile>>, ErrorResult>> Me(
        HttpContext context, IdentityDbContext db, QuotaUsageReader usage, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.GetCaller().UserId is not { } userId)
        {
            return ApiErrors.Unauthorized();
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null
            ? ApiErrors.Unauthorized("The account no longer exists.")
            : ApiResults.Ok(UserProfile.Of(user, await usage.MonthToDateAsync(user.Id)), time);
    }
}

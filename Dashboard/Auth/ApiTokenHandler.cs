using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Authenticates scripts by <c>Authorization: Bearer TOKEN</c>, a token issued by <c>issue-token</c> (<see cref="ApiTokenStore"/>).</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string Prefix = "Bearer ";

    /// <summary>Whether the request brings a token (header, or query string on the hub path): then this scheme, not the cookie, decides.</summary>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        || (AuthRejection.AllowsQueryToken(request) && request.Query.ContainsKey("access_token"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim()
            : AuthRejection.AllowsQueryToken(Request) ? Request.Query["access_token"].ToString() : "";
        if (string.IsNullOrEmpty(token)) return Task.FromResult(AuthenticateResult.NoResult());
        var user = users.FindByToken(token);
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("unknown, expired or revoked API token"));
        var principal = UserPrincipal.Create(user, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthRejection.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthRejection.WriteAsync(Context, StatusCodes.Status403Forbidden);
}

/// <summary>The claims a signed-in user carries: name and role.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Create(DashboardUser user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], scheme));

    public static bool MayControl(ClaimsPrincipal principal, string? owner, bool authEnabled) =>
        !authEnabled || principal.IsInRole(Roles.Admin) || (principal.IsInRole(Roles.Trainer) && owner == principal.Identity?.Name);
}

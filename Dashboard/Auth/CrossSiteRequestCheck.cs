using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Refuses cross-site requests a signed-in browser could be tricked into sending. On the API, the hubs (ours and the
/// Blazor circuit's) and the account posts, an <c>Origin</c> header (when present) must be one of
/// <see cref="AuthOptions.AllowedOrigins"/>, or the request's own scheme and host when none are configured; a
/// cookie-authenticated state change on the API must also carry <see cref="HeaderName"/>, which an HTML form cannot send
/// and a cross-origin script cannot send without a CORS preflight that this server never grants. Calls with a bearer
/// token carry no ambient credential and pass untouched.
/// </summary>
public static class CrossSiteRequestCheck
{
    public const string HeaderName = "X-Dashboard-Request";

    public static IApplicationBuilder UseCrossSiteRequestCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refusal = Refusal(context, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value);
        if (refusal is null) await next(context);
        else await AuthRejection.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused", refusal);
    });

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    public static string? Refusal(HttpContext context, AuthOptions options)
    {
        var request = context.Request;
        if (!IsGuarded(request) || ApiTokenHandler.Carries(request)) return null;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !AllowedOrigins(request, options).Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            return $"Origin '{origin}' is not this dashboard's; add it to Dashboard:Auth:AllowedOrigins if it serves the dashboard.";
        if (IsCookieStateChange(context) && string.IsNullOrEmpty(request.Headers[HeaderName]))
            return $"A signed-in browser's change needs the header '{HeaderName}: 1'; scripts use 'Authorization: Bearer TOKEN'.";
        return null;
    }

    public static IEnumerable<string> AllowedOrigins(HttpRequest request, AuthOptions options) =>
        options.AllowedOrigins is { Length: > 0 } configured ? configured.Select(o => o.TrimEnd('/')) : [$"{request.Scheme}://{request.Host}"];

    private static bool IsGuarded(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor")
        || request.Path.StartsWithSegments("/account");

    private static bool IsCookieStateChange(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };
}

using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Auth;

/// <summary>A plain sign-in form (with an anti-forgery token) and the sign-in/sign-out posts.</summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/account/logout";
    /// <summary>Where a signed-in browser lands on a page its role does not allow (Components/Pages/NotAllowed.razor).</summary>
    public const string NotAllowedPath = "/not-allowed";

    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? failed) =>
            Results.Content(Page(antiforgery.GetAndStoreTokens(context), LocalOnly(returnUrl), failed != null ? WrongPassword : null), "text/html")).AllowAnonymous();
        app.MapPost("/account/login", SignInAsync).AllowAnonymous();
        app.MapPost(LogoutPath, SignOutAsync);
    }

    private const string WrongPassword = "Wrong user name or password.";

    private static async Task<IResult> SignInAsync(HttpContext context, UserStore users, SignInThrottle throttle, IAntiforgery antiforgery,
        [FromForm] string user, [FromForm] string password, [FromForm] string? returnUrl)
    {
        var address = context.Connection.RemoteIpAddress;
        if (throttle.LockedFor(user, address) is { } wait) return TooManyFailures(context, antiforgery, LocalOnly(returnUrl), wait);
        var found = users.Verify(user, password);
        if (found is null)
        {
            throttle.Failed(user, address);
            return Results.Redirect($"{LoginPath}?failed=1&returnUrl={WebUtility.UrlEncode(LocalOnly(returnUrl))}");
        }
        throttle.Succeeded(user);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.Create(found, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    /// <summary>429 with Retry-After (whole seconds, rounded up) and the form again, saying how long to wait.</summary>
    private static IResult TooManyFailures(HttpContext context, IAntiforgery antiforgery, string returnUrl, TimeSpan wait)
    {
        var seconds = (long)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = $"Too many failed sign-ins for this user or from this address; try again in {seconds} s.";
        return Results.Content(Page(antiforgery.GetAndStoreTokens(context), returnUrl, message), "text/html", statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Only with the anti-forgery token of the layout's sign-out form: another site cannot sign a user out.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.Problem("Sign out with the dashboard's sign-out button (the form carries an anti-forgery token).", statusCode: StatusCodes.Status400BadRequest, title: "Anti-forgery token missing or invalid");
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(LoginPath);
    }

    private static string LocalOnly(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//") ? url : "/";

    private static string Page(AntiforgeryTokenSet tokens, string returnUrl, string? error) => $$"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Transfer learning dashboard</title>
        <style>body{font-family:Roboto,Arial,sans-serif;display:flex;justify-content:center;margin-top:10vh}form{display:grid;gap:.6em;width:18em}
        .error{color:#b00020}</style></head><body><form method="post" action="/account/login">
        <h2>Transfer learning dashboard</h2>{{(error is null ? "" : $"<p class='error' id='login-error'>{WebUtility.HtmlEncode(error)}</p>")}}
        <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
        <label>User <input name="user" id="user" autocomplete="username" required></label>
        <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="sign-in">Sign in</button></form></body></html>
        """;
}

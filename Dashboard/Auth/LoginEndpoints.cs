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

    /// <summary>The app's card look, light or dark as the browser is.</summary>
    private const string Style = """
        <style>:root{color-scheme:light dark;--bg:#f5f5f5;--card:#fff;--text:#424242;--line:#c4c4c4;--primary:#594ae2}
        @media (prefers-color-scheme:dark){:root{--bg:#1a1a27;--card:#272c34;--text:#e0e0e0;--line:#555;--primary:#776be7}}
        body{font-family:Roboto,Arial,sans-serif;background:var(--bg);color:var(--text);display:flex;justify-content:center;margin:0;padding:10vh 1em}
        form{display:grid;gap:1em;width:100%;max-width:22em;background:var(--card);padding:1.5em 1.75em;border-radius:4px;
        box-shadow:0 2px 1px -1px rgba(0,0,0,.2),0 1px 1px 0 rgba(0,0,0,.14),0 1px 3px 0 rgba(0,0,0,.12)}
        h2{margin:0;font-weight:400;font-size:1.4em}label{display:grid;gap:.3em;font-size:.9em}
        input{font:inherit;font-size:1rem;padding:.55em .6em;border:1px solid var(--line);border-radius:4px;background:transparent;color:inherit}
        input:focus{outline:2px solid var(--primary);border-color:transparent}
        button{font:inherit;font-weight:500;text-transform:uppercase;letter-spacing:.03em;padding:.7em;border:0;border-radius:4px;
        background:var(--primary);color:#fff;cursor:pointer}.error{color:#f44336;margin:0}</style>
        """;

    /// <summary>A static page: no Blazor circuit before sign-in.</summary>
    private static string Page(AntiforgeryTokenSet tokens, string returnUrl, string? error) => $$"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · Transfer learning dashboard</title>
        {{Style}}</head>
        <body><form method="post" action="/account/login">
        <h2>Transfer learning dashboard</h2>{{(error is null ? "" : $"<p class='error' id='login-error'>{WebUtility.HtmlEncode(error)}</p>")}}
        <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
        <label>User <input name="user" id="user" autocomplete="username" required></label>
        <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="sign-in">Sign in</button></form></body></html>
        """;
}

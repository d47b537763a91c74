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

    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? failed) =>
            Results.Content(Page(antiforgery.GetAndStoreTokens(context), LocalOnly(returnUrl), failed != null), "text/html")).AllowAnonymous();
        app.MapPost("/account/login", SignInAsync).AllowAnonymous();
        app.MapPost(LogoutPath, SignOutAsync);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, UserStore users, [FromForm] string user, [FromForm] string password, [FromForm] string? returnUrl)
    {
        var found = users.Verify(user, password);
        if (found is null) return Results.Redirect($"{LoginPath}?failed=1&returnUrl={WebUtility.UrlEncode(LocalOnly(returnUrl))}");
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.Create(found, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(LocalOnly(returnUrl));
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

    private static string Page(AntiforgeryTokenSet tokens, string returnUrl, bool failed) => $$"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Transfer learning dashboard</title>
        <style>body{font-family:Roboto,Arial,sans-serif;display:flex;justify-content:center;margin-top:10vh}form{display:grid;gap:.6em;width:18em}
        .error{color:#b00020}</style></head><body><form method="post" action="/account/login">
        <h2>Transfer learning dashboard</h2>{{(failed ? "<p class='error' id='login-error'>Wrong user name or password.</p>" : "")}}
        <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
        <label>User <input name="user" id="user" autocomplete="username" required></label>
        <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="sign-in">Sign in</button></form></body></html>
        """;
}

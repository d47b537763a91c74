using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Auth;

/// <summary>
/// A browser's side of sign-in against the real server: a cookie jar, no automatic redirects, and forms filled in with
/// the anti-forgery token the page hands out (the sign-in page's, the layout's sign-out form's).
/// </summary>
public sealed partial class CookieBrowser : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };

    public CookieBrowser(Uri baseAddress) => Client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Client { get; }

    public CookieContainer Cookies => handler.CookieContainer;

    /// <summary>The sign-in cookie this browser holds for the server, or null.</summary>
    public Cookie? SignInCookie => handler.CookieContainer.GetCookies(Client.BaseAddress!).FirstOrDefault(c => c.Name == "dashboard.auth");

    /// <summary>The sign-in post's answer: a redirect to the return URL, back to the form with failed=1, or 429.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string password, string returnUrl = "/")
    {
        var (field, token) = HiddenField(await Client.GetStringAsync("/login"), "/account/login");
        return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field] = token, ["user"] = user, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>Posts the layout's sign-out form, with its anti-forgery token, as the Sign out button does.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var (field, token) = HiddenField(await Client.GetStringAsync("/runs"), "/account/logout");
        return await Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { [field] = token }));
    }

    /// <summary>The anti-forgery field (name, value) of the form that posts to <paramref name="action"/> in an HTML page.</summary>
    public static (string Name, string Value) HiddenField(string page, string action)
    {
        var form = FormPattern().Matches(page).FirstOrDefault(m => m.Groups[1].Value == action)
            ?? throw new InvalidOperationException($"no form posting to {action} in the page");
        var input = HiddenInput().Match(form.Groups[2].Value);
        Assert.True(input.Success, $"the form posting to {action} has no hidden anti-forgery field");
        return (input.Groups[1].Value, WebUtility.HtmlDecode(input.Groups[2].Value));
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex("""<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(__RequestVerificationToken)"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex HiddenInput();
}

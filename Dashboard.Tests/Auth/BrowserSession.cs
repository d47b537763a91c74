using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Auth;

/// <summary>
/// A browser's side of sign-in against the real server: a cookie jar, no automatic redirects, and the sign-in form
/// filled in with the anti-forgery token the sign-in page hands out.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };

    public BrowserSession(DashboardHost host)
    {
        Host = host;
        Client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public DashboardHost Host { get; }
    public HttpClient Client { get; }
    public CookieContainer Cookies => handler.CookieContainer;

    /// <summary>The sign-in post's answer: a redirect to the return URL, back to the form with failed=1, or 429.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var (field, token) = HiddenField(await Client.GetStringAsync("/login"), "/account/login");
        return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field] = token, ["user"] = user, ["password"] = password, ["returnUrl"] = "/",
        }));
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

using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Auth;

/// <summary>An HTTP client that signs in as a browser does: the sign-in page's form with its anti-forgery token, cookies kept, redirects not followed.</summary>
public sealed partial class CookieBrowser : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };

    public CookieBrowser(Uri baseAddress) => Client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Client { get; }

    /// <summary>The sign-in cookie this browser holds for the server, or null.</summary>
    public Cookie? SignInCookie => handler.CookieContainer.GetCookies(Client.BaseAddress!).FirstOrDefault(c => c.Name == "dashboard.auth");

    public async Task<HttpResponseMessage> SignInAsync(string user, string password, string returnUrl = "/")
    {
        var page = await Client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page);
        return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["user"] = user, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]+)">""")]
    private static partial Regex AntiforgeryField();
}

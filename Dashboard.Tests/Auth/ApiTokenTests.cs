using System.Net;
using System.Net.Http.Headers;
using Dashboard.Auth;
using Dashboard.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Auth;

/// <summary>API tokens through the real server: expiry on the server's clock (in the test's hands), revocation, the listing, the admin page.</summary>
public class ApiTokenTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_token_works_until_it_expires_or_is_revoked_and_each_token_ends_alone()
    {
        await using var host = await DashboardHost.StartWithSignInAsync(services: services => services.AddSingleton<TimeProvider>(time));
        var users = host.Get<UserStore>();
        var shortLived = users.IssueToken("admin", TimeSpan.FromDays(1));
        var standard = users.IssueToken("admin", users.DefaultTokenLifetime);
        using var client = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await Get(client, shortLived.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, standard.Secret)).StatusCode);
        time.Advance(TimeSpan.FromDays(1));
        var expired = await Get(client, shortLived.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bearer", expired.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, standard.Secret)).StatusCode);

        Assert.True(users.Tokens.Revoke(standard.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, standard.Secret)).StatusCode);
        Assert.False(users.Tokens.Revoke(standard.Id));

        var listed = users.Tokens.List().ToDictionary(t => t.Id);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromDays(1) + TimeSpan.FromDays(AuthOptions.DefaultTokenLifetimeDays), listed[standard.Id].Expires, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(listed[standard.Id].LastUsed);
        Assert.NotNull(listed[standard.Id].Revoked);
        Assert.False(listed[shortLived.Id].IsActive(time.GetUtcNow()));
    }

    [Fact]
    public async Task A_configured_lifetime_is_the_default_for_new_tokens()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Auth:TokenLifetimeDays"] = "7" },
            services: services => services.AddSingleton<TimeProvider>(time));
        host.Get<UserStore>().Add("alice", Roles.Admin, "a-long-password");

        host.Get<UserStore>().IssueToken("alice");

        Assert.Equal(time.GetUtcNow().AddDays(7), host.Get<UserStore>().Tokens.List().Single().Expires, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_token_page_lists_tokens_without_secrets_for_an_admin_and_refuses_a_trainer()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<UserStore>();
        users.Add("tom", Roles.Trainer, "trainer-password");
        var issued = users.IssueToken("tom", TimeSpan.FromDays(3));
        using var admin = new CookieBrowser(host.BaseAddress);
        await admin.SignInAsync("admin", DashboardHost.AdminPassword);
        using var trainer = new CookieBrowser(host.BaseAddress);
        await trainer.SignInAsync("tom", "trainer-password");

        var page = await admin.Client.GetAsync("/admin/tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"token-{issued.Id}\"", html);
        Assert.DoesNotContain(issued.Secret, html);

        var refused = await trainer.Client.GetAsync("/admin/tokens");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith(LoginEndpoints.NotAllowedPath, refused.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain(issued.Id, await (await trainer.Client.GetAsync(refused.Headers.Location)).Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}

public class ApiTokenMigrationTests
{
    [Fact]
    public void A_token_from_before_expiry_existed_keeps_working_with_the_default_lifetime_and_leaves_the_old_column()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-tokens-");
        try
        {
            var path = Path.Combine(folder.FullName, "runs.db");
            var database = new Dashboard.Storage.SqliteDatabase(path);
            database.Execute("CREATE TABLE users (name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL, token_hash TEXT UNIQUE)");
            database.Execute("INSERT INTO users VALUES ('old', 'viewer', 'x', $hash)", ("$hash", ApiTokenStore.Hash("old-secret")));
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

            var users = new UserStore(path, time);

            Assert.Equal(new DashboardUser("old", Roles.Viewer), users.FindByToken("old-secret"));
            Assert.Equal(time.GetUtcNow() + ApiTokenStore.MigratedLifetime, users.Tokens.List().Single().Expires, TimeSpan.FromMilliseconds(1));
            Assert.Equal(0L, database.Scalar("SELECT COUNT(*) FROM users WHERE token_hash IS NOT NULL"));
            Assert.Single(new UserStore(path, time).Tokens.List()); // opening again moves nothing twice
        }
        finally { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); folder.Delete(recursive: true); }
    }
}

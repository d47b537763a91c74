using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>
/// <c>PUT /api/runs/{id}/annotations</c>, <c>DELETE /api/runs/{id}</c> and the list's query parameters on real Kestrel with
/// sign-in on: only the run's owner or an admin edits or deletes, bad input is refused with its reason, and a deleted run
/// leaves no events, thumbnails or files behind.
/// </summary>
public sealed class RunEditApiTests : IAsyncLifetime
{
    private DashboardHost host = default!;
    private HttpClient viewer = default!, tom = default!, tess = default!, admin = default!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<UserStore>();
        users.Add("vera", Roles.Viewer, "viewer-password");
        users.Add("tom", Roles.Trainer, "trainer-password");
        users.Add("tess", Roles.Trainer, "trainer-password");
        (viewer, tom, tess, admin) = (host.Client(users.IssueToken("vera")), host.Client(users.IssueToken("tom")),
            host.Client(users.IssueToken("tess")), host.Client(users.IssueToken("admin")));
    }

    private RunSummary Ended(string name, string owner)
    {
        var run = host.Get<RunStore>().Create(name, TinyRecipes.Quick, owner);
        host.Get<RunStore>().SetStatus(run.Id, RunStatus.Finished);
        return run;
    }

    private static Task<HttpResponseMessage> AnnotateAsync(HttpClient client, string id, object body) =>
        client.PutAsJsonAsync($"/api/runs/{id}/annotations", body);

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Only_the_owner_or_an_admin_annotates_a_run_and_bad_tags_are_refused_with_the_reason()
    {
        var run = Ended("tom's", "tom");
        var annotations = new { tags = new[] { "baseline", "pets" }, note = "first try" };

        Assert.Equal(HttpStatusCode.Forbidden, (await AnnotateAsync(viewer, run.Id, annotations)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AnnotateAsync(tess, run.Id, annotations)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AnnotateAsync(tom, "no-such-run", annotations)).StatusCode);
        var refused = await AnnotateAsync(tom, run.Id, new { tags = new[] { "two words" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'two words' may hold only letters", await DetailAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await AnnotateAsync(tom, run.Id, annotations)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AnnotateAsync(admin, run.Id, new { tags = new[] { "baseline", "checked" }, note = "first try" })).StatusCode);

        var listed = await viewer.GetFromJsonAsync<JsonElement>("/api/runs?search=checked");
        var item = Assert.Single(listed.GetProperty("runs").EnumerateArray());
        Assert.Equal(["baseline", "checked"], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("first try", item.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Deleting_refuses_an_active_run_and_otherwise_removes_the_run_its_events_thumbnails_and_files()
    {
        var store = host.Get<RunStore>();
        var queued = store.Create("queued", TinyRecipes.Long, "tom"); // stored only: the worker never starts it
        var run = Ended("done", "tom");
        var thumbnails = store.Append(run.Id, new ThumbnailsCaptured(0, [[1, 2, 3]]));
        var paths = host.Get<DashboardPaths>();
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(paths.ModelsFolderOf(run.Id)).FullName, "stage1.ckpt"), "weights");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(paths.RunFolder(run.Id)).FullName, "resume.json"), "{}");

        var conflict = await tom.DeleteAsync($"/api/runs/{queued.Id}");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("stop it first", await DetailAsync(conflict));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/runs/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tess.DeleteAsync($"/api/runs/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tom.DeleteAsync($"/api/runs/{run.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await tom.GetAsync($"/api/runs/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tom.GetAsync($"/api/runs/{run.Id}/thumbnails/{thumbnails.Sequence}/0.png")).StatusCode);
        Assert.Empty(store.Events(run.Id));
        Assert.Null(store.Thumbnail(run.Id, thumbnails.Sequence, 0));
        Assert.False(Directory.Exists(paths.ModelsFolderOf(run.Id)));
        Assert.False(Directory.Exists(paths.RunFolder(run.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/runs/{run.Id}")).StatusCode);
        Assert.NotNull(store.Find(queued.Id));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_owner_sorts_by_a_column_and_refuses_unknown_ones()
    {
        var store = host.Get<RunStore>();
        foreach (var (name, owner, accuracy) in new[] { ("low", "tom", 0.2), ("high", "tess", 0.9), ("mid", "tom", 0.5) })
            store.SetResult(Ended(name, owner).Id, accuracy, null);
        store.Create("waiting", TinyRecipes.Long, "tom");

        async Task<string[]> NamesAsync(string query) =>
            (await viewer.GetFromJsonAsync<JsonElement>("/api/runs" + query)).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();

        Assert.Equal(["high", "mid", "low"], await NamesAsync("?status=finished&sort=accuracy"));
        Assert.Equal(["low", "mid"], await NamesAsync("?status=finished&owner=tom&sort=accuracy&direction=asc"));
        Assert.Equal(["waiting"], await NamesAsync("?status=queued"));
        Assert.Equal(3, (await viewer.GetFromJsonAsync<JsonElement>("/api/runs?owner=tom&take=1")).GetProperty("total").GetInt32());
        foreach (var bad in new[] { "?status=done", "?sort=colour", "?sort=accuracy&direction=up" })
            Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/runs" + bad)).StatusCode);
        Assert.Contains("use one of queued", await DetailAsync(await viewer.GetAsync("/api/runs?status=done")));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { viewer, tom, tess, admin }) client.Dispose();
        await host.DisposeAsync();
    }
}

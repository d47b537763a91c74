using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

public class RunApiTests
{
    private static StringContent Json(string json) => ApiWaits.Json(json);

    private static Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, Func<string, bool> done, TimeSpan timeout) =>
        ApiWaits.WaitForStatusAsync(client, id, done, timeout);

    [Fact]
    public async Task A_submitted_recipe_runs_to_the_end_and_its_metrics_are_served()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var submitted = await client.PostAsync("/api/runs", Json(TinyRecipes.Quick));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var run = await WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(3));

        Assert.Equal(RunStatus.Finished, run.GetProperty("status").GetString());
        var metrics = run.GetProperty("metrics");
        Assert.Equal(2, metrics.GetProperty("epochs").GetArrayLength());
        Assert.Equal(10, metrics.GetProperty("lrFind").GetProperty("learningRates").GetArrayLength());
        Assert.True(run.GetProperty("run").GetProperty("accuracy").GetDouble() > 0.3);
        var thumbnails = host.Get<RunStore>().Events(id).First(e => e.Event is Dashboard.Training.Events.ThumbnailsCaptured);
        var png = await client.GetAsync($"/api/runs/{id}/thumbnails/{thumbnails.Sequence}/0.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}/thumbnails/{thumbnails.Sequence}/99.png")).StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Contains(list.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task An_invalid_recipe_is_refused_with_the_field_named_and_nothing_is_queued()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await client.PostAsync("/api/runs", Json("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":-1}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("$.steps[0].fit.lr", error.GetProperty("field").GetString());
        Assert.Empty(host.Get<RunStore>().List());
    }

    [Fact]
    public async Task Stop_ends_a_running_fit_as_stopped_and_unknown_runs_are_not_found()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", Json(TinyRecipes.Long))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForRunAsync(host.Get<RunStore>(), id, () => host.Get<RunStore>().Events(id).Any(e => e.Event is Dashboard.Training.Events.BatchEnded), TimeSpan.FromMinutes(2));

        var stop = await client.PostAsync($"/api/runs/{id}/stop", null);

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var run = await WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Stopped, run.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/nosuchrun")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/runs/{id}/stop", null)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_run_api()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/runs\"", document);
        Assert.Contains("\"/api/runs/{id}/stop\"", document);
    }

    [Fact]
    public async Task The_run_list_pages_summaries_without_recipes_with_a_total_and_the_detail_keeps_the_recipe()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var ids = Enumerable.Range(0, 3).Select(i => store.Create($"run {i}", TinyRecipes.Quick).Id).ToArray(); // stored only: the worker never sees them

        var first = await client.GetFromJsonAsync<JsonElement>("/api/runs?take=2");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/runs?skip=2&take=2");

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("runs").GetArrayLength());
        Assert.Equal(ids[2], first.GetProperty("runs")[0].GetProperty("id").GetString());
        Assert.Equal(ids[0], Assert.Single(second.GetProperty("runs").EnumerateArray()).GetProperty("id").GetString());
        Assert.All(first.GetProperty("runs").EnumerateArray(), r => Assert.False(r.TryGetProperty("recipeJson", out _)));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{ids[0]}");
        Assert.Equal(TinyRecipes.Quick, detail.GetProperty("run").GetProperty("recipeJson").GetString());
    }

    [Fact]
    public async Task Events_after_a_sequence_number_are_the_stored_events_that_follow_it_in_order()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var store = host.Get<RunStore>();
        var id = store.Create("events", TinyRecipes.Quick).Id; // stored only: the worker never sees it
        for (int epoch = 0; epoch < 5; epoch++) store.Append(id, new Dashboard.Training.Events.EpochEnded(0, epoch, 1.0, 0.9, 0.1 * epoch, 1));

        var all = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/events");
        var afterTwo = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/events?after=2");
        var afterLast = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/events?after=5");

        Assert.Equal([1L, 2, 3, 4, 5], all.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([3L, 4, 5], afterTwo.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([2, 3, 4], afterTwo.EnumerateArray().Select(e => e.GetProperty("event").GetProperty("epoch").GetInt32()));
        Assert.Empty(afterLast.EnumerateArray());
    }
}

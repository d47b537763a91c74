using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Server;

/// <summary>
/// Thumbnails are kept beside the events (real server, real SQLite): a run's events JSON carries their count, no base64,
/// and each image is served as a PNG at its URL.
/// </summary>
public class ThumbnailBlobTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_runs_events_carry_no_thumbnail_bytes_and_each_thumbnail_url_returns_a_png()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.Quick))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(3));

        var json = await client.GetStringAsync($"/api/runs/{id}/events");
        var captured = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("event").GetProperty("type").GetString() == "thumbnailsCaptured").ToList();
        Assert.NotEmpty(captured);
        Assert.DoesNotContain("iVBOR", json); // the start of every PNG in base64
        foreach (var stored in captured)
        {
            var thumbnails = stored.GetProperty("event");
            Assert.Equal(0, thumbnails.GetProperty("pngs").GetArrayLength());
            int count = thumbnails.GetProperty("count").GetInt32();
            Assert.True(count > 0);
            await AssertPngAsync(client, $"/api/runs/{id}/thumbnails/{stored.GetProperty("sequence").GetInt64()}/{count - 1}.png");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}/thumbnails/{captured[0].GetProperty("sequence").GetInt64()}/99.png")).StatusCode);
    }

    [Fact]
    public void A_thumbnail_stored_inside_its_event_by_an_older_version_is_still_served()
    {
        using var folder = new Data.TempFolder();
        var store = new RunStore(folder.File("runs.db"));
        var id = store.Create("old", "{}").Id;
        var legacy = store.Append(id, new RunStarted("resnet18", ["a"], 1, 1, 32, "cpu")).Sequence + 1;
        var old = new ThumbnailsCaptured(0, [[1, 2, 3]]);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.File("runs.db")}"))
        {
            connection.Open();
            Dashboard.Storage.SqliteDatabase.Execute(connection, "INSERT INTO events (run_id, seq, type, json) VALUES ($id, $seq, 'ThumbnailsCaptured', $json)",
                ("$id", id), ("$seq", legacy), ("$json", EventJson.Serialize(old)));
        }

        Assert.Equal([1, 2, 3], store.Thumbnail(id, legacy, 0));
        Assert.Equal(1, Assert.IsType<ThumbnailsCaptured>(store.Event(id, legacy)!.Event).Count);
        Assert.Null(store.Thumbnail(id, legacy, 1));
    }

    private static async Task AssertPngAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(PngSignature, bytes.Take(PngSignature.Length));
    }
}

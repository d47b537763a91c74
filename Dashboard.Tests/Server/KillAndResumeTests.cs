using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

public class KillAndResumeTests
{
    [Fact]
    public async Task A_killed_server_keeps_every_stored_event_and_the_run_resumes_to_the_same_final_epoch_count()
    {
        var folder = Directory.CreateTempSubdirectory("kill-").FullName;
        string id;
        int epochsSeen;
        using (var first = await DashboardProcess.StartAsync(folder))
        {
            using var client = first.Client();
            var submitted = await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.FourEpochs));
            id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            epochsSeen = Epochs(await ApiWaits.WaitForRunAsync(client, id, run => Epochs(run) >= 1, TimeSpan.FromMinutes(2)));
            first.KillHard();
        }

        using var second = await DashboardProcess.StartAsync(folder);
        using var again = second.Client();
        var interrupted = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal(RunStatus.Interrupted, interrupted.GetProperty("status").GetString());
        Assert.True(Epochs(interrupted) >= epochsSeen, $"{Epochs(interrupted)} epochs stored, {epochsSeen} were seen before the kill");

        Assert.Equal(HttpStatusCode.Accepted, (await again.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var finished = await ApiWaits.WaitForStatusAsync(again, id, s => !RunStatus.IsActive(s), TimeSpan.FromMinutes(3));

        Assert.Equal(RunStatus.Finished, finished.GetProperty("status").GetString());
        var epochs = finished.GetProperty("metrics").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal(new[] { 0, 1, 2, 3 }, epochs);
    }

    private static int Epochs(JsonElement run) => run.GetProperty("metrics").GetProperty("epochs").GetArrayLength();
}

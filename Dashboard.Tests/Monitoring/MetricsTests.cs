using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Hubs;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Monitoring;

/// <summary>/metrics through the real server: what a lab's Prometheus scrapes, and who may scrape it.</summary>
public class MetricsTests
{
    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(series) + " ([0-9.e+-]+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no series {series}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_finished_run_shows_in_runs_by_status_batches_images_batch_seconds_and_the_hub_connection_while_it_is_open()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var id = (await (await client.PostAsync("/api/runs", ApiWaits.Json(TinyRecipes.FourEpochs))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiWaits.WaitForStatusAsync(client, id, status => status == RunStatus.Finished, TimeSpan.FromMinutes(5));
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path)).Build();
        await connection.StartAsync();

        var text = await client.GetStringAsync("/metrics");

        int batches = host.Get<RunStore>().Events(id, 0).Count(e => e.Event is BatchEnded);
        Assert.Equal(1, Value(text, "dashboard_runs{status=\"finished\"}"));
        Assert.Equal(0, Value(text, "dashboard_runs{status=\"running\"}"));
        Assert.Equal(0, Value(text, "dashboard_queue_length"));
        Assert.Equal(batches, Value(text, "dashboard_training_batches_total"));
        Assert.Equal(batches * 64, Value(text, "dashboard_training_images_total")); // FourEpochs' batch size
        // Four epochs: every batch after the first of its epoch is timed; validation gaps are not.
        Assert.Equal(batches - 4, Value(text, "dashboard_batch_seconds_count"));
        Assert.Equal(1, Value(text, "dashboard_hub_connections"));
        Assert.True(Value(text, "process_working_set_bytes") > 0);
        Assert.Contains("http_request_duration_seconds_bucket{", text);

        await connection.StopAsync();
        await ApiWaits.WaitForAsync(async () => Value(await client.GetStringAsync("/metrics"), "dashboard_hub_connections") == 0, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task With_sign_in_on_a_scraper_needs_a_token_and_any_role_may_scrape()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<Dashboard.Auth.UserStore>();
        users.Add("prometheus", Dashboard.Auth.Roles.Viewer, "scraper-password");
        var token = users.IssueToken("prometheus");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dashboard_runs{status=\"queued\"} 0", await response.Content.ReadAsStringAsync());
    }
}

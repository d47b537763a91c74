using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

public class HealthTests
{
    [Fact]
    public async Task Health_is_ready_once_the_host_started_even_for_anonymous_callers_with_sign_in_on()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var client = host.Client();

        var response = await client.GetAsync(HealthEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(host.Get<WorkerReadiness>().IsReady);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode); // the rest stays signed-in only
    }
}

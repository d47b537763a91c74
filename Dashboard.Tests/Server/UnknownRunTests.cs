using System.Net;
using Dashboard.Hubs;
using Dashboard.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Server;

/// <summary>A run id the store does not know is not found everywhere: every REST route and the hub's stream.</summary>
public class UnknownRunTests
{
    [Theory]
    [InlineData("GET", "/api/runs/nope")]
    [InlineData("GET", "/api/runs/nope/events")]
    [InlineData("GET", "/api/runs/nope/events?after=3")]
    [InlineData("GET", "/api/runs/nope/metrics.csv")]
    [InlineData("GET", "/api/runs/nope/batches.csv")]
    [InlineData("GET", "/api/runs/nope/thumbnails/1/0.png")]
    [InlineData("POST", "/api/runs/nope/stop")]
    [InlineData("POST", "/api/runs/nope/resume")]
    public async Task Every_route_answers_404_problem_for_an_unknown_run(string method, string path)
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nope", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Following_an_unknown_run_on_the_hub_ends_with_a_hub_error()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, TrainingHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options).Build();
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<RunEvent>(nameof(TrainingHub.Follow), "nope", 0L)) { }
        });

        Assert.Contains("nope", error.Message);
    }
}

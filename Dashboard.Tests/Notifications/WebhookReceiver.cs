using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Tests.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Notifications;

/// <summary>One POST as the receiver got it: its path, its JSON body and when it arrived.</summary>
public sealed record ReceivedPost(string Path, JsonElement Body, DateTimeOffset At)
{
    public string? RunId => Body.TryGetProperty("runId", out var id) ? id.GetString() : null;
}

/// <summary>
/// A webhook receiver on real Kestrel on loopback: it keeps every POST and answers with the status codes it was given, one
/// per POST in turn, then 200. A 429 answer carries <see cref="RetryAfterSeconds"/> as Retry-After.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedPost> received = new();
    private readonly ConcurrentQueue<int> answers;

    private WebhookReceiver(IEnumerable<int> answers)
    {
        this.answers = new ConcurrentQueue<int>(answers);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        app = builder.Build();
        app.MapPost("/{**path}", ReceiveAsync);
    }

    /// <summary>The Retry-After of a 429 answer.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<ReceivedPost> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var receiver = new WebhookReceiver(answers);
        await receiver.app.StartAsync();
        return receiver;
    }

    public string Url(string path) => new Uri(new Uri(app.Urls.First()), path).ToString();

    /// <summary>A loopback URL nothing listens on: a connection to it is refused.</summary>
    public static string UnusedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";
    }

    /// <summary>The POSTs to <paramref name="path"/>, once there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<ReceivedPost>> WaitForAsync(string path, int count, TimeSpan? timeout = null)
    {
        await ApiWaits.WaitForAsync(() => To(path).Count >= count, timeout ?? TimeSpan.FromMinutes(1));
        return To(path);
    }

    public IReadOnlyList<ReceivedPost> To(string path) => [.. received.Where(p => p.Path == path)];

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        received.Enqueue(new ReceivedPost(context.Request.Path, body, DateTimeOffset.UtcNow));
        context.Response.StatusCode = answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
        if (next == StatusCodes.Status429TooManyRequests) context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

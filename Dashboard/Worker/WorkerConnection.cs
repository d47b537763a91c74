using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Runs;
using Dashboard.Runs.Workers;

namespace Dashboard.Worker;

/// <summary>What became of one call to the server.</summary>
public enum Delivery { Delivered, Unreachable, Refused }

/// <summary>
/// The worker's side of <see cref="WorkerProtocol"/>: one call at a time, classified as delivered, unreachable (network
/// errors, timeouts, 5xx: try again) or refused (the token or the run's state: give up). Knows how long ago the server
/// last answered, and so whether it is lost.
/// </summary>
public sealed class WorkerConnection(Uri server, string runId, string token, TimeSpan lossLimit, ILogger logger) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = server, Timeout = RequestTimeout, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue(WorkerProtocol.Scheme, token) },
    };
    private readonly Stopwatch sinceContact = Stopwatch.StartNew();

    /// <summary>The server has not answered for longer than the worker may wait.</summary>
    public bool Lost => sinceContact.Elapsed > lossLimit;

    /// <summary>Why the server refused the worker, once it has.</summary>
    public string? RefusedBecause { get; private set; }

    public Task<(Delivery, WorkerAssignment?)> AssignmentAsync() =>
        CallAsync<WorkerAssignment>(c => http.GetAsync(WorkerProtocol.RunPath(runId), c));

    public Task<(Delivery, WorkerBatchReply?)> SendAsync(WorkerBatch batch) =>
        CallAsync<WorkerBatchReply>(c => http.PostAsJsonAsync(WorkerProtocol.RunPath(runId) + "/events", batch, EventJson.Options, c));

    public async Task<Delivery> EndAsync(WorkerEnd end) =>
        (await CallAsync<object>(c => http.PostAsJsonAsync(WorkerProtocol.RunPath(runId) + "/end", end, EventJson.Options, c))).Item1;

    /// <summary>Marks the worker refused for a reason of its own (the server's history does not meet the worker's).</summary>
    public void Refuse(string reason) => RefusedBecause ??= reason;

    private async Task<(Delivery, T?)> CallAsync<T>(Func<CancellationToken, Task<HttpResponseMessage>> send) where T : class
    {
        try
        {
            using var timeout = new CancellationTokenSource(RequestTimeout);
            using var response = await send(timeout.Token);
            if ((int)response.StatusCode >= 500) return Unreachable<T>($"the server answered {(int)response.StatusCode}");
            sinceContact.Restart();
            if (!response.IsSuccessStatusCode)
            {
                Refuse($"the server refused the worker ({(int)response.StatusCode} {response.StatusCode}): {await response.Content.ReadAsStringAsync(timeout.Token)}");
                logger.LogError("{Reason}", RefusedBecause);
                return (Delivery.Refused, null);
            }
            var body = response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<T>(EventJson.Options, timeout.Token);
            return (Delivery.Delivered, body);
        }
        // A connection dropped mid-call (a SocketException straight from the socket, or a reply cut off mid-body that reads
        // as invalid JSON) did not get through as far as the worker can tell; calls are idempotent, so it is retried.
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Net.Sockets.SocketException or System.Text.Json.JsonException)
        {
            return Unreachable<T>(e.Message);
        }
    }

    private (Delivery, T?) Unreachable<T>(string reason) where T : class
    {
        logger.LogWarning("Cannot reach the server for {Seconds:F0} s ({Reason}); events stay buffered", sinceContact.Elapsed.TotalSeconds, reason);
        return (Delivery.Unreachable, null);
    }

    public void Dispose() => http.Dispose();
}

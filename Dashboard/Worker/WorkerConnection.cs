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
    /// <summary>How long one checkpoint or resume point file may take to upload or download.</summary>
    private static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(30);

    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue(WorkerProtocol.Scheme, token) },
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

    /// <summary>Uploads one of the run's files (<see cref="WorkerFiles"/>); a refusal (bad name, too large) is logged, not the worker's refusal.</summary>
    public async Task<(Delivery, string? Refusal)> UploadAsync(string kind, string name, string path)
    {
        await using var file = File.OpenRead(path);
        return await TransferAsync(c => http.PutAsync(WorkerProtocol.FilePath(runId, kind, name), new StreamContent(file), c), (_, _) => Task.CompletedTask);
    }

    /// <summary>Downloads one of the run's files to <paramref name="path"/>, atomically; a refusal says why (404: the server has none).</summary>
    public Task<(Delivery, string? Refusal)> DownloadAsync(string kind, string name, string path) =>
        TransferAsync(c => http.GetAsync(WorkerProtocol.FilePath(runId, kind, name), HttpCompletionOption.ResponseHeadersRead, c),
            async (response, c) =>
            {
                var temporary = path + ".download";
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var file = File.Create(temporary)) await response.Content.CopyToAsync(file, c);
                File.Move(temporary, path, overwrite: true);
            });

    /// <summary>Marks the worker refused for a reason of its own (the server's history does not meet the worker's).</summary>
    public void Refuse(string reason) => RefusedBecause ??= reason;

    private async Task<(Delivery, T?)> CallAsync<T>(Func<CancellationToken, Task<HttpResponseMessage>> send) where T : class
    {
        T? body = null;
        var (delivery, refusal) = await ExchangeAsync(RequestTimeout, send, async (response, c) =>
            body = response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<T>(EventJson.Options, c));
        if (refusal is null) return (delivery, body);
        Refuse($"the server refused the worker: {refusal}");
        logger.LogError("{Reason}", RefusedBecause);
        return (Delivery.Refused, null);
    }

    private Task<(Delivery, string? Refusal)> TransferAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, Func<HttpResponseMessage, CancellationToken, Task> read) =>
        ExchangeAsync(FileTimeout, send, read);

    /// <summary>One call; a refusal (a 4xx answer) is given as its status and the server's explanation.</summary>
    private async Task<(Delivery, string? Refusal)> ExchangeAsync(TimeSpan limit, Func<CancellationToken, Task<HttpResponseMessage>> send,
        Func<HttpResponseMessage, CancellationToken, Task> read)
    {
        try
        {
            using var timeout = new CancellationTokenSource(limit);
            using var response = await send(timeout.Token);
            if ((int)response.StatusCode >= 500) return (Unreachable($"the server answered {(int)response.StatusCode}"), null);
            sinceContact.Restart();
            if (!response.IsSuccessStatusCode)
                return (Delivery.Refused, $"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");
            await read(response, timeout.Token);
            return (Delivery.Delivered, null);
        }
        // A connection dropped mid-call (a SocketException straight from the socket, or a reply cut off mid-body that reads
        // as invalid JSON) did not get through as far as the worker can tell; calls are idempotent, so it is retried.
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Net.Sockets.SocketException or System.Text.Json.JsonException)
        {
            return (Unreachable(e.Message), null);
        }
    }

    private Delivery Unreachable(string reason)
    {
        logger.LogWarning("Cannot reach the server for {Seconds:F0} s ({Reason}); events and files stay buffered", sinceContact.Elapsed.TotalSeconds, reason);
        return Delivery.Unreachable;
    }

    public void Dispose() => http.Dispose();
}

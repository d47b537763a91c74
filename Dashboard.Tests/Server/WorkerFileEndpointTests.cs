using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Runs.Workers;

namespace Dashboard.Tests.Server;

/// <summary>The worker channel's file calls on the real server: what is stored where, and what is refused.</summary>
public class WorkerFileEndpointTests
{
    private static readonly Dictionary<string, string?> OneMegabyteLimit = new() { ["Dashboard:WorkerFiles:MaxUploadMegabytes"] = "1" };

    [Fact]
    public async Task An_uploaded_checkpoint_lands_in_the_runs_models_folder_and_comes_back_as_sent()
    {
        await using var host = await DashboardHost.StartAsync(settings: OneMegabyteLimit);
        var (runId, token) = OpenRun(host);
        using var worker = Worker(host, token);
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        Assert.Equal(HttpStatusCode.NoContent, (await Put(worker, runId, WorkerFiles.Checkpoint, "stage1", bytes)).StatusCode);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(host.Get<DashboardPaths>().ModelsFolderOf(runId), "stage1.ckpt")));
        Assert.Equal(bytes, await worker.GetByteArrayAsync(WorkerProtocol.FilePath(runId, WorkerFiles.Checkpoint, "stage1")));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(WorkerProtocol.FilePath(runId, WorkerFiles.Resume, "resume.json"))).StatusCode);
    }

    [Theory]
    [InlineData(WorkerFiles.Checkpoint, "../../runs.db", "..%2F..%2Fruns.db")] // a route value keeps an escaped '/' escaped
    [InlineData(WorkerFiles.Checkpoint, "a/b", "a%2Fb")]
    [InlineData(WorkerFiles.Checkpoint, ".hidden", ".hidden")]
    [InlineData(WorkerFiles.Resume, "other.json", "other.json")]
    [InlineData("logs", "stage1", "logs")]
    public async Task A_bad_kind_or_name_is_refused_with_400_naming_it_and_nothing_is_written(string kind, string name, string named)
    {
        await using var host = await DashboardHost.StartAsync(settings: OneMegabyteLimit);
        var (runId, token) = OpenRun(host);
        using var worker = Worker(host, token);

        var response = await Put(worker, runId, kind, name, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"'{named}'", problem.GetProperty("detail").GetString());
        Assert.False(Directory.Exists(host.Get<DashboardPaths>().ModelsFolderOf(runId)));
    }

    [Fact]
    public async Task Another_runs_token_no_token_and_a_file_over_the_limit_are_refused()
    {
        await using var host = await DashboardHost.StartAsync(settings: OneMegabyteLimit);
        var (runId, token) = OpenRun(host);
        var (_, otherToken) = OpenRun(host);
        using var worker = Worker(host, token);
        using var other = Worker(host, otherToken);
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await Put(other, runId, WorkerFiles.Checkpoint, "stage1", [1])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(WorkerProtocol.FilePath(runId, WorkerFiles.Checkpoint, "stage1"))).StatusCode);
        var tooLarge = await Put(worker, runId, WorkerFiles.Checkpoint, "stage1", new byte[1024 * 1024 + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("MaxUploadMegabytes", await tooLarge.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(host.Get<DashboardPaths>().ModelsFolderOf(runId)));
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_without_a_length_is_refused_and_leaves_no_partial_file()
    {
        await using var host = await DashboardHost.StartAsync(settings: OneMegabyteLimit);
        var (runId, token) = OpenRun(host);
        using var worker = Worker(host, token);
        var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        var request = new HttpRequestMessage(HttpMethod.Put, WorkerProtocol.FilePath(runId, WorkerFiles.Resume, "resume.ckpt")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await worker.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var runFolder = host.Get<DashboardPaths>().RunFolder(runId);
        Assert.Empty(Directory.Exists(runFolder) ? Directory.GetFiles(runFolder) : []);
    }

    private static (string RunId, string Token) OpenRun(DashboardHost host)
    {
        var store = host.Get<RunStore>();
        var run = store.Create("worker files", TinyRecipes.Quick);
        store.SetStatus(run.Id, RunStatus.Running, onlyFrom: RunStatus.Queued);
        return (run.Id, host.Get<WorkerChannels>().Open(run.Id, CancellationToken.None));
    }

    private static HttpClient Worker(DashboardHost host, string token)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(WorkerProtocol.Scheme, token);
        return client;
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string runId, string kind, string name, byte[] bytes) =>
        client.PutAsync(WorkerProtocol.FilePath(runId, kind, name), new ByteArrayContent(bytes));
}

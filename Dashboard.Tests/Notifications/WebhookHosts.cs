using Dashboard.Notifications;
using Dashboard.Runs;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Notifications;

/// <summary>Settings for a dashboard with webhooks (short back-off, a public URL) and runs that end without training.</summary>
public static class WebhookHosts
{
    public const string PublicUrl = "https://dashboard.example/lab/";

    /// <summary>How long a tiny training run may take on a loaded machine.</summary>
    public static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(3);

    public static Dictionary<string, string?> Settings(params WebhookTarget[] hooks)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:PublicUrl"] = PublicUrl, ["Dashboard:Webhooks:Retries"] = "3", ["Dashboard:Webhooks:BackoffSeconds"] = "0.05",
            ["Dashboard:Webhooks:MaxBackoffSeconds"] = "5", ["Dashboard:Webhooks:TimeoutSeconds"] = "5",
        };
        for (int i = 0; i < hooks.Length; i++)
        {
            settings[$"Dashboard:Webhooks:Hooks:{i}:Url"] = hooks[i].Url;
            settings[$"Dashboard:Webhooks:Hooks:{i}:Format"] = hooks[i].Format;
            for (int e = 0; e < hooks[i].Events.Count; e++) settings[$"Dashboard:Webhooks:Hooks:{i}:Events:{e}"] = hooks[i].Events[e];
        }
        return settings;
    }

    public static WebhookTarget Hook(string url, string format = WebhookFormats.Json, params string[] events) => new() { Url = url, Format = format, Events = [.. events] };

    /// <summary>A run that ends without training: stored, then stopped while queued (the worker never takes it).</summary>
    public static RunSummary StoppedBeforeItStarted(DashboardHost host, string name)
    {
        var run = host.Get<RunStore>().Create(name, TinyRecipes.SavesHead);
        Assert.Equal(RunCommandOutcome.Done, host.Get<RunCommands>().Stop(run.Id, TestUsers.Anonymous));
        return host.Get<RunStore>().Find(run.Id)!;
    }

    /// <summary>The run once it has ended.</summary>
    public static async Task<RunSummary> EndedAsync(DashboardHost host, string runId)
    {
        await ApiWaits.WaitForAsync(() => host.Get<RunStore>().Find(runId) is { } run && !RunStatus.IsActive(run.Status), TrainingTimeout);
        return host.Get<RunStore>().Find(runId)!;
    }
}

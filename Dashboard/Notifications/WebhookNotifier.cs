using System.Threading.Channels;
using Dashboard.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>
/// Tells the configured webhooks when a run ends (finished, failed, stopped, interrupted): it hears each end once, as the
/// run's status changes (<see cref="RunNotifier.SubscribeRuns"/>), so a restart sends nothing for runs that ended before it,
/// and a resumed run that ends again is told again. The run's thread only queues the end (a bounded channel, never
/// waited on); one reader POSTs it to every hook that wants it, at once. On shutdown, ends already queued (runs the stop
/// interrupted) are still sent, as long as the host's shutdown timeout allows.
/// Registered before <see cref="RunWorker"/>: it hears the runs the worker's start-up interrupts, and stops after it.
/// </summary>
public sealed class WebhookNotifier(RunNotifier notifier, WebhookDelivery delivery, IOptions<WebhookOptions> options, ILogger<WebhookNotifier> logger)
    : BackgroundService
{
    private readonly Channel<RunSummary> ended = Channel.CreateBounded<RunSummary>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
    private IDisposable? subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Hooks.Count > 0) subscription = notifier.SubscribeRuns(Enqueue);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        ended.Writer.TryComplete();
        if (ExecuteTask is { } sending) await Task.WhenAny(sending, Task.Delay(Timeout.Infinite, cancellationToken));
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        subscription?.Dispose();
        base.Dispose();
    }

    private void Enqueue(RunSummary run)
    {
        if (RunStatus.IsActive(run.Status) || !options.Value.Hooks.Any(h => h.Wants(run.Status))) return;
        if (!ended.Writer.TryWrite(run))
            logger.LogWarning("Webhooks are {Capacity} run ends behind: run {RunId} {Status} is not sent", options.Value.QueueCapacity, run.Id, run.Status);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var run in ended.Reader.ReadAllAsync(CancellationToken.None))
            await Task.WhenAll(options.Value.Hooks.Where(h => h.Wants(run.Status)).Select(h => delivery.DeliverAsync(h, run, stoppingToken)));
    }
}

using System.Globalization;
using System.CommandLine;
using System.Text.Json.Nodes;
using Dashboard.Cli;
using Dashboard.Training;

namespace Dashboard.Bench.Load;

/// <summary>
/// <c>load [--short] [--clients 50] [--pollers 10] [--size 224] [--epochs 1] [--out FILE.json]</c>: the shared-server load benchmark. Prints the p95 event-to-client delay, the
/// fit's throughput alone and watched (and the drop), and whether every client received every epoch event.
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--short") { Description = "the CI form: one short epoch at 32 px, every client and poller" };
        var clients = CliOptions.OptionalCount("--clients", "SignalR clients (default 50)", 1);
        var pollers = CliOptions.OptionalCount("--pollers", "HTTP pollers, 5 polls/s each (default 10)", 0);
        var size = CliOptions.OptionalCount("--size", "image size of the watched fit (default 224; --short: 32)", 16);
        var epochs = CliOptions.OptionalCount("--epochs", "epochs of the watched fit (default 1)", 1);
        var output = new Option<string?>("--out") { Description = "write the figures to this JSON file", HelpName = "FILE.json" };
        var command = new Command("load", "Hub clients and pollers watching one fit of a loopback dashboard: delay p95, throughput drop") { quick, clients, pollers, size, epochs, output };
        command.SetAction((parsed, _) =>
        {
            var defaults = parsed.GetValue(quick) ? LoadOptions.Short() : LoadOptions.Full();
            return RunAsync(defaults with
            {
                Clients = parsed.GetValue(clients) ?? defaults.Clients, Pollers = parsed.GetValue(pollers) ?? defaults.Pollers,
                ImageSize = parsed.GetValue(size) ?? defaults.ImageSize, Epochs = parsed.GetValue(epochs) ?? defaults.Epochs,
            }, parsed.GetValue(output), parsed.InvocationConfiguration.Output);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadOptions options, string? path, TextWriter output)
    {
        var report = await LoadRunner.RunAsync(options, output);
        BenchOutput.Finish(output, Table(report), path, () => Json(report).ToJsonString(new() { WriteIndented = true }));
        return report.EveryClientGotEveryEpoch ? CommandLineInvocation.Succeeded : CommandLineInvocation.Failed;
    }

    public static string Table(LoadReport report)
    {
        var o = report.Options;
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        return $"""
            Watched fit: resnet18 on the demo data at {o.ImageSize} px, batch {o.BatchSize}, {report.Epochs} epoch(s); {o.Clients} SignalR clients + {o.Pollers} HTTP pollers every {o.PollInterval.TotalMilliseconds:F0} ms, loopback

            | delay p50 | delay p95 | deliveries | clients with every epoch | polls | batches/s alone (before, after) | batches/s watched | throughput drop |
            |---:|---:|---:|---:|---:|---:|---:|---:|
            | {F(report.MedianDelayMilliseconds, "F1")} ms | {F(report.P95DelayMilliseconds, "F1")} ms | {report.DelaysMilliseconds.Count} | {report.ClientsWithEveryEpoch} of {o.Clients} | {report.Polls} | {F(report.AloneBefore, "F2")}, {F(report.AloneAfter, "F2")} | {F(report.Watched, "F2")} | {F(report.ThroughputDrop * 100, "F1")} % |

            {report.Seconds:F0} s in all.

            """;
    }

    public static JsonObject Json(LoadReport report) => new()
    {
        ["clients"] = report.Options.Clients, ["pollers"] = report.Options.Pollers, ["epochs"] = report.Epochs,
        ["p50DelayMs"] = report.MedianDelayMilliseconds, ["p95DelayMs"] = report.P95DelayMilliseconds, ["deliveries"] = report.DelaysMilliseconds.Count,
        ["clientsWithEveryEpoch"] = report.ClientsWithEveryEpoch, ["polls"] = report.Polls,
        ["batchesPerSecondAloneBefore"] = report.AloneBefore, ["batchesPerSecondAloneAfter"] = report.AloneAfter,
        ["batchesPerSecondWatched"] = report.Watched, ["throughputDrop"] = report.ThroughputDrop, ["seconds"] = report.Seconds,
    };
}

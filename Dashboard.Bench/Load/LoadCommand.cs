using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Training;

namespace Dashboard.Bench.Load;

/// <summary>
/// <c>load [--short] [--clients 50] [--pollers 10] [--size 224] [--epochs 1] [--out FILE.json]</c>: the shared-server load benchmark. Prints the p95 event-to-client delay, the
/// fit's throughput alone and watched (and the drop), and whether every client received every epoch event.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var defaults = args.Contains("--short") ? LoadOptions.Short() : LoadOptions.Full();
        var options = defaults with
        {
            Clients = Count(args, "--clients") ?? defaults.Clients,
            Pollers = Count(args, "--pollers") ?? defaults.Pollers,
            ImageSize = Count(args, "--size") ?? defaults.ImageSize,
            Epochs = Count(args, "--epochs") ?? defaults.Epochs,
        };
        var report = await LoadRunner.RunAsync(options, output);
        output.WriteLine();
        output.Write(Table(report));
        if (CommandLine.Option(args, "--out") is string path)
        {
            AtomicFile.Write(path, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); writer.Write(Json(report).ToJsonString(new() { WriteIndented = true })); });
            output.WriteLine($"\nwrote {path}");
        }
        return report.EveryClientGotEveryEpoch ? 0 : 1;
    }

    private static int? Count(string[] args, string flag) =>
        CommandLine.Option(args, flag) is string text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;

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

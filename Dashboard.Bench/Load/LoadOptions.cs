namespace Dashboard.Bench.Load;

/// <summary>
/// The watched-fit load benchmark: how many hub clients and HTTP pollers watch one fit, the fit itself (demo data,
/// small images, full-image epochs so batches take real compute), and how often the fit runs alone around the watched one.
/// </summary>
public sealed record LoadOptions
{
    public int Clients { get; init; } = 50;
    public int Pollers { get; init; } = 10;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
    public int Epochs { get; init; } = 1;

    /// <summary>The lesson's size by default; small sizes make many short batches, the worst case for per-event costs.</summary>
    public int ImageSize { get; init; } = 224;
    public int BatchSize { get; init; } = 32;
    public TimeSpan RunLimit { get; init; } = TimeSpan.FromMinutes(5);

    public static LoadOptions Full() => new();

    /// <summary>The form CI runs: every client and poller, one short epoch; timings printed, not judged.</summary>
    public static LoadOptions Short() => new() { Epochs = 1, ImageSize = 32, BatchSize = 64 };

    public string FitRecipe() => $$$"""
        { "data": { "path": "demo", "size": {{{ImageSize}}}, "batchSize": {{{BatchSize}}} }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": {{{Epochs}}}}} ] }
        """;
}

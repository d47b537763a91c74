using System.Text.Json;
using Dashboard.Bench;

namespace Dashboard.Tests.Bench;

/// <summary>The benchmark's short form end to end, in-process: every figure is written and positive. No timing assertions.</summary>
public sealed class BenchSmokeTests : IDisposable
{
    private static readonly string[] PositiveFigures =
    [
        "oursImagesPerSecond224", "oursImagesPerSecond128", "oursComputeOnlyImagesPerSecond224", "oursDecodeOnlyImagesPerSecond128",
        "oursCpuMillisecondsPerImage224", "loaderImagesPerSecond224", "loaderImagesPerSecond224Large", "fullDecodeImagesPerSecondLarge", "loaderSpeedupOverFullDecode224Large",
        "loaderImagesPerSecond224LargeFirstEpoch", "loaderSpeedupOverFullDecode224LargeFirstEpoch",
        "scaledDecodeSpeedupOverFullDecode224Large", "largeImageMegabytes", "oursPipelineEfficiency224", "oursPipelineEfficiency128",
        "oursPipelineEfficiencyStandardError224", "oursPipelineEfficiencyStandardError128",
        "precomputeSeconds", "headEpochSeconds", "frozenEpochSeconds", "precomputeSpeedup", "unfrozenEpochSeconds", "frozenToUnfrozenEpochRatio", "lrFindSeconds", "lrFindIterations",
        "forwardGflops", "forwardGflops128", "matmulGflops", "computeFraction", "cores", "computeThreads", "decodeThreads",
        "oursImagesPerSecondBf16_224", "oursImagesPerSecondBf16_128", "oursComputeOnlyImagesPerSecondBf16_224", "bf16SpeedupOurs224",
    ];

    /// <summary>Positive when PyTorch ran; CI installs python3-torch, elsewhere a machine without it skips the test.</summary>
    private static readonly string[] PytorchFigures =
    [
        "pytorchImagesPerSecond224", "pytorchImagesPerSecond128", "pipelineRatio224", "pipelineRatio128", "pytorchCpuMillisecondsPerImage128",
        "pytorchSameSettingsImagesPerSecond224", "pipelineRatioSameSettings128",
        "pytorchImagesPerSecondBf16_224", "pytorchImagesPerSecondBf16_128", "pipelineRatioBf16_224", "pipelineRatioBf16_128", "bf16SpeedupPytorch224",
    ];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("bench-test-");

    public void Dispose() => folder.Delete(recursive: true);

    [SkippableFact]
    public async Task Short_run_writes_every_figure_and_prints_the_tables()
    {
        var path = Path.Combine(folder.FullName, "bench.json");
        var output = new StringWriter();

        var exitCode = await BenchCommandLine.InvokeAsync(["bench", "--short", "--out", path], output);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.True(root.GetProperty("short").GetBoolean());
        foreach (var key in PositiveFigures)
            Assert.True(root.GetProperty(key).GetDouble() > 0, $"{key} = {root.GetProperty(key)}");
        Assert.Equal(2, root.GetProperty("oursPipelineEfficiencyRounds128").GetArrayLength()); // BenchOptions.Short's two rounds
        Assert.Equal(2, output.ToString().Split('\n').Count(line => line.Contains("round 2: ours", StringComparison.Ordinal))); // one per size
        Assert.Contains("| 224 px |", output.ToString());
        Assert.Contains("| 128 px |", output.ToString());
        Assert.Contains("| ours bf16 img/s |", output.ToString());
        // 500×375 JPEGs: 375 px is at least twice what 128 px needs (141 with side_on's zoom), not what 224 px needs (247)
        Assert.Equal((0, 8), (root.GetProperty("oursResizeCopies224").GetInt32(), root.GetProperty("oursResizeCopies128").GetInt32()));
        Assert.Contains("0 of 8 training images from copies at 224 px, 8 of 8 training images from copies at 128 px", output.ToString());
        var progress = output.ToString().Split('\n').Where(line => line.StartsWith("bench [", StringComparison.Ordinal)).ToList();
        Assert.Contains(progress, line => line.EndsWith("compute figures measured", StringComparison.Ordinal)); // plain lines to the last step
        Assert.Equal(2, progress.Count(line => line.Contains("PyTorch bf16 ", StringComparison.Ordinal))); // one per size
        Assert.DoesNotContain('\u001b', output.ToString()); // no terminal escapes when not on a terminal
        Preconditions.Require(root.GetProperty("pytorchImagesPerSecond224").ValueKind != JsonValueKind.Null,
            $"the PyTorch reference did not run ({root.GetProperty("pytorch")}); apt-get install python3-torch python3-torchvision");
        foreach (var key in PytorchFigures)
            Assert.True(root.GetProperty(key).GetDouble() > 0, $"{key} = {root.GetProperty(key)}");
    }

    [Fact]
    public void Without_torch_the_pytorch_columns_say_unavailable_and_the_ratios_are_null()
    {
        var options = BenchOptions.Short() with { Python = Path.Combine(folder.FullName, "no-python") };
        using var dataset = BenchDataset.Create(options with { TrainImagesPerClass = 1, ValidImagesPerClass = 1 });

        var outcome = PytorchPipeline.Measure(dataset, options, options.Sizes[0], ThreadPlan.For(2), sameSettings: true);
        var report = ReportWith(options, outcome);

        Assert.Null(outcome.Figures);
        Assert.Contains("no-python", outcome.Unavailable);
        var json = BenchJson.Build(report);
        foreach (var key in PytorchFigures) Assert.Null(json[key]);
        Assert.StartsWith("unavailable", (string?)json["pytorch"]);
        Assert.Equal((100.0, 12.0), ((double)json["loaderImagesPerSecond224"]!, (double)json["loaderImagesPerSecond224Large"]!));
        Assert.Equal(4.0, (double)json["loaderSpeedupOverFullDecode224Large"]!);
        Assert.Equal((6.0, 2.0), ((double)json["loaderImagesPerSecond224LargeFirstEpoch"]!, (double)json["loaderSpeedupOverFullDecode224LargeFirstEpoch"]!));
        Assert.False(json.ContainsKey("loaderImagesPerSecond128Large"));
        Assert.Contains("4.7 MB each; a full-size decode of them alone: 3.0 img/s): first epoch, decoding at a reduced libjpeg-turbo scale and writing " +
            "the resize cache's copies, 6.0 img/s (2.0× the full decode; decoding alone at that scale: 9.0 img/s, 3.0×, as libjpeg-turbo still " +
            "entropy-decodes every coefficient); later epochs, from the copies, 12.0 img/s (4.0×)", BenchTable.Format(report));
        Assert.Contains("| 224 px | 10.0 | unavailable | null | unavailable | null | 200 | unavailable |", BenchTable.Format(report));
        Assert.Contains("| 224 px | 15.0 | 1.50 | 16.0 img/s | unavailable | null | null |", BenchTable.Format(report));
        Assert.Contains("the two fits take turns on the same cores, 2 round(s) of pipeline, compute alone, compute alone, pipeline", BenchTable.Format(report));
        Assert.Contains("| 224 px | 11.0 img/s | 100 img/s | 90.9 % |", BenchTable.Format(report)); // no rounds given: no ±
        var withRounds = report with { Sizes = [.. report.Sizes.Select(size => size with { Ours = size.Ours with { RoundEfficiencies = [0.9, 1.0] } })] };
        Assert.Contains("| 224 px | 11.0 img/s | 100 img/s | 90.9 % ± 5.0 % |", BenchTable.Format(withRounds));
        Assert.Contains("Resize cache off (--no-resize-cache)", BenchTable.Format(report with { Options = options with { ResizeCache = false } }));
    }

    [Fact]
    public void Pooled_measurements_add_images_and_seconds_and_weight_the_allocation_by_images()
    {
        var pooled = new PipelineFigures(10, 40, 4, 0.5, 8, 100).Plus(new PipelineFigures(20, 120, 6, 0.25, 9, 200));

        Assert.Equal((16.0, 160, 10.0, 0.75, 17.0), (pooled.ImagesPerSecond, pooled.Images, pooled.Seconds, pooled.DataWaitSeconds, pooled.CpuSeconds));
        Assert.Equal(175.0, pooled.AllocatedKilobytesPerBatch);
    }

    private static BenchReport ReportWith(BenchOptions options, PytorchOutcome pytorch)
    {
        var ours = new OursFigures(new PipelineFigures(10, 40, 4, 0.1, 8, 64), ComputeOnlyImagesPerSecond: 11, DecodeOnlyImagesPerSecond: 100);
        var bf16 = new Bf16Figures(new PipelineFigures(15, 60, 4, 0.1, 8, 64), OursComputeOnlyImagesPerSecond: 16, pytorch);
        var sizes = options.Sizes.Select(run => new SizeFigures(run.Size, ours, pytorch, pytorch, bf16)).ToList();
        var precompute = new PrecomputeFigures(128, 12, 1, 0.01, 2, 5, new LrFindFigures(0.5, 10, Precomputed: true));
        var environment = new BenchEnvironment(ThreadPlan.For(2), ".NET", "0.107", null, 1, 1, TrainingEnvironmentAtStart: true);
        return new BenchReport(options, environment, sizes, precompute, sizes.ToDictionary(size => size.Size, _ => 50.0), 100, 10, Short: true, new LargeDecodeFigures(12, 6, 3, 9, 4.7));
    }
}

namespace Dashboard.Bench.Accuracy;

/// <summary>
/// Settings of <c>bench accuracy</c>: the dataset, image size, batch size and seed both sides train with, and the PyTorch
/// reference (interpreter, script, time limit). <see cref="Short"/> runs every fit for one epoch (the smoke test).
/// </summary>
public sealed record AccuracyOptions(string DataFolder)
{
    public const string ScriptRelativePath = "python/pytorch_lesson.py";

    /// <summary>fastai 0.7's <c>ImageClassifierData.from_paths(bs=64)</c>.</summary>
    public const int FastaiBatchSize = 64;

    public int Size { get; init; } = 224;
    public int BatchSize { get; init; } = FastaiBatchSize;
    public int Seed { get; init; }
    public bool Short { get; init; }

    /// <summary>Also run our side in bf16 (after fp32, same recipe, files and seed): the accuracy bf16 costs, if any.</summary>
    public bool WithBf16 { get; init; }
    public string Python { get; init; } = BenchOptions.DefaultPython;

    /// <summary>The PyTorch script; null looks for <see cref="ScriptRelativePath"/> above the app and the working folder.</summary>
    public string? Script { get; init; }

    public TimeSpan PythonTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Validation images both bodies see in the feature check.</summary>
    public int ProbeImages { get; init; } = 8;

    /// <summary>Largest feature difference allowed, as a fraction of the largest feature.</summary>
    public double FeatureTolerance { get; init; } = 1e-3;
}

/// <summary>The benchmark cannot run or cannot finish (no torch, no dataset, the reference failed): a clear message, exit 1.</summary>
public sealed class AccuracyBenchException(string message, Exception? inner = null) : Exception(message, inner);

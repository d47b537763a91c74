using Dashboard.Training.Events;

namespace Dashboard.Components.Recipes;

/// <summary>The new-run form's state: a recipe being edited, including values not yet valid (the learning-rate text).</summary>
public sealed class RecipeDraft
{
    public string Name { get; set; } = "";
    public string Dataset { get; set; } = "demo";
    public string Arch { get; set; } = "resnet18";
    public string? Weights { get; set; }
    public int Size { get; set; } = 224;
    public int BatchSize { get; set; } = 32;
    public string Augment { get; set; } = "side_on";
    public double MaxZoom { get; set; } = 1.1;
    public bool Precompute { get; set; } = true;
    public int Seed { get; set; }
    /// <summary>fp32, bf16, fp16 or auto (the recipe's <c>precision</c>).</summary>
    public string Precision { get; set; } = "fp32";
    /// <summary>fastai v2's <c>train_bn</c> (the recipe's <c>trainFrozenBatchNorm</c>); off is fastai 0.7.</summary>
    public bool TrainFrozenBatchNorm { get; set; }
    public List<StepDraft> Steps { get; set; } = [];
    /// <summary>Data fields whose text is not a number (by field name: "size"), with the message the form shows.</summary>
    public Dictionary<string, string> Unreadable { get; } = [];

    /// <summary>Changes the image size; checkpoint names that begin with the old size ("224_lastlayer", as the lesson names them) follow it.</summary>
    public void Resize(int size)
    {
        var (from, to) = ($"{Size}_", $"{size}_");
        foreach (var step in Steps.Where(s => s.Kind is StepKind.Save or StepKind.Load && s.Name.StartsWith(from, StringComparison.Ordinal)))
            step.Name = to + step.Name[from.Length..];
        Size = size;
    }
}

public enum StepKind { LrFind, Fit, FineTune, Precompute, Unfreeze, Save, Load, FreezeTo, Tta }

/// <summary>One step of the draft; only the fields of its <see cref="Kind"/> are used.</summary>
public sealed class StepDraft
{
    public Guid Id { get; } = Guid.NewGuid();
    public StepKind Kind { get; set; }
    public int MaxIterations { get; set; } = 100;
    /// <summary>The lr_find method whose rate is offered: valley, slide, minimum or steep.</summary>
    public string Suggestion { get; set; } = LrSuggestion.DefaultMethod;
    /// <summary>One learning rate, or one per layer group of the architecture, separated by commas.</summary>
    public string LearningRates { get; set; } = "0.01";
    public int Cycles { get; set; } = 1;
    public int? CycleLength { get; set; }
    public int CycleMult { get; set; } = 1;
    public bool OneCycle { get; set; }
    public bool Enabled { get; set; } = true;
    public string Name { get; set; } = "";
    public int Groups { get; set; } = 1;
    /// <summary>fine_tune: epochs unfrozen, after <see cref="FreezeEpochs"/> frozen, from <see cref="BaseLearningRate"/>.</summary>
    public int Epochs { get; set; } = 1;
    public double BaseLearningRate { get; set; } = 2e-3;
    public int FreezeEpochs { get; set; } = 1;
    /// <summary>This step's fields whose text is not a number (by field name: "cycles"), with the message the form shows.</summary>
    public Dictionary<string, string> Unreadable { get; } = [];

    public static StepDraft LrFind(int maxIterations = 100, string suggestion = LrSuggestion.DefaultMethod) =>
        new() { Kind = StepKind.LrFind, MaxIterations = maxIterations, Suggestion = suggestion };

    public static StepDraft FineTune(int epochs, double baseLearningRate = 2e-3, int freezeEpochs = 1) =>
        new() { Kind = StepKind.FineTune, Epochs = epochs, BaseLearningRate = baseLearningRate, FreezeEpochs = freezeEpochs };

    public static StepDraft Fit(string rates, int cycles, int? cycleLength = null, int cycleMult = 1, bool oneCycle = false) =>
        new() { Kind = StepKind.Fit, LearningRates = rates, Cycles = cycles, CycleLength = cycleLength, CycleMult = cycleMult, OneCycle = oneCycle };

    public static StepDraft Switch(StepKind kind, bool enabled) => new() { Kind = kind, Enabled = enabled };

    public static StepDraft Named(StepKind kind, string name) => new() { Kind = kind, Name = name };
}

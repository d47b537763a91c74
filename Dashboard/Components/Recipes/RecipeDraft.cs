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
    public List<StepDraft> Steps { get; set; } = [];
}

public enum StepKind { LrFind, Fit, Precompute, Unfreeze, Save, Load, FreezeTo, Tta }

/// <summary>One step of the draft; only the fields of its <see cref="Kind"/> are used.</summary>
public sealed class StepDraft
{
    public Guid Id { get; } = Guid.NewGuid();
    public StepKind Kind { get; set; }
    public int MaxIterations { get; set; } = 100;
    /// <summary>One learning rate, or three (early body, late body, head) separated by commas.</summary>
    public string LearningRates { get; set; } = "0.01";
    public int Cycles { get; set; } = 1;
    public int? CycleLength { get; set; }
    public int CycleMult { get; set; } = 1;
    public bool OneCycle { get; set; }
    public bool Enabled { get; set; } = true;
    public string Name { get; set; } = "";
    public int Groups { get; set; } = 1;

    public static StepDraft LrFind(int maxIterations = 100) => new() { Kind = StepKind.LrFind, MaxIterations = maxIterations };

    public static StepDraft Fit(string rates, int cycles, int? cycleLength = null, int cycleMult = 1) =>
        new() { Kind = StepKind.Fit, LearningRates = rates, Cycles = cycles, CycleLength = cycleLength, CycleMult = cycleMult };

    public static StepDraft Switch(StepKind kind, bool enabled) => new() { Kind = kind, Enabled = enabled };

    public static StepDraft Named(StepKind kind, string name) => new() { Kind = kind, Name = name };
}

namespace Dashboard.Components.Recipes;

/// <summary>Ready-made drafts: fast.ai lesson 1's sequence, and a run small enough to finish in a minute on a CPU.</summary>
public static class RecipePresets
{
    public static RecipeDraft Lesson1(string dataset = "demo") => new()
    {
        Name = "lesson 1", Dataset = dataset, Arch = "resnet18", Size = 224, BatchSize = 32, Augment = "side_on", MaxZoom = 1.1,
        Precompute = true, Seed = 0,
        Steps =
        [
            StepDraft.LrFind(),
            StepDraft.Fit("0.01", cycles: 1),
            StepDraft.Switch(StepKind.Precompute, false),
            StepDraft.Fit("0.01", cycles: 3, cycleLength: 1),
            StepDraft.Named(StepKind.Save, "224_lastlayer"),
            StepDraft.Switch(StepKind.Unfreeze, true),
            StepDraft.Fit("1e-4, 1e-3, 1e-2", cycles: 3, cycleLength: 1, cycleMult: 2),
            StepDraft.Switch(StepKind.Tta, true),
        ],
    };

    public static RecipeDraft QuickDemo(string dataset = "demo") => new()
    {
        Name = "quick demo", Dataset = dataset, Arch = "resnet18", Size = 64, BatchSize = 64, Augment = "side_on", MaxZoom = 1.1,
        Precompute = true, Seed = 0,
        Steps = [StepDraft.LrFind(20), StepDraft.Fit("0.01", cycles: 2, cycleLength: 1), StepDraft.Switch(StepKind.Tta, true)],
    };
}

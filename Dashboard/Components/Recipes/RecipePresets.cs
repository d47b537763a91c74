namespace Dashboard.Components.Recipes;

/// <summary>
/// Ready-made drafts: fast.ai lesson 1's sequence (fastai 0.7), fastai v2's one-cycle and fine_tune versions of it,
/// and a run small enough to finish in a minute on a CPU.
/// </summary>
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

    /// <summary>
    /// fastai v2's lesson: <c>fit_one_cycle(4)</c> on the head (fastai's default rate, 1e-3), save, unfreeze, then
    /// <c>fit_one_cycle(2, slice(1e-6, 1e-4))</c> over the three layer groups. No precompute: v2 has none.
    /// </summary>
    public static RecipeDraft OneCycle(string dataset = "demo") => new()
    {
        Name = "one cycle (fastai v2)", Dataset = dataset, Arch = "resnet18", Size = 224, BatchSize = 32, Augment = "side_on", MaxZoom = 1.1,
        Precompute = false, Seed = 0,
        Steps =
        [
            StepDraft.LrFind(),
            StepDraft.Fit("1e-3", cycles: 4, oneCycle: true),
            StepDraft.Named(StepKind.Save, "stage-1"),
            StepDraft.Switch(StepKind.Unfreeze, true),
            StepDraft.Fit("1e-6, 1e-5, 1e-4", cycles: 2, oneCycle: true),
        ],
    };

    /// <summary>fastai v2's <c>fine_tune(4)</c>: one frozen epoch, then four unfrozen, from base rate 2e-3.</summary>
    public static RecipeDraft FineTune(string dataset = "demo") => new()
    {
        Name = "fine_tune (fastai v2)", Dataset = dataset, Arch = "resnet18", Size = 224, BatchSize = 32, Augment = "side_on", MaxZoom = 1.1,
        Precompute = false, Seed = 0,
        Steps = [StepDraft.LrFind(), StepDraft.FineTune(epochs: 4)],
    };

    public static RecipeDraft QuickDemo(string dataset = "demo") => new()
    {
        Name = "quick demo", Dataset = dataset, Arch = "resnet18", Size = 64, BatchSize = 64, Augment = "side_on", MaxZoom = 1.1,
        Precompute = true, Seed = 0,
        Steps = [StepDraft.LrFind(20), StepDraft.Fit("0.01", cycles: 2, cycleLength: 1), StepDraft.Switch(StepKind.Tta, true)],
    };
}

namespace Dashboard.Tests.Server;

/// <summary>Recipes on the demo dataset small enough to finish in seconds on two cores.</summary>
public static class TinyRecipes
{
    public const string Quick = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"lrFind": {"maxIterations": 10}}, {"fit": {"lr": 0.01, "cycles": 1}}, {"precompute": false}, {"fit": {"lr": 0.01, "cycles": 1}} ] }
        """;

    /// <summary>One precomputed epoch, then a save named "head": a run with weights to predict with or export.</summary>
    public const string SavesHead = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, {"save": "head"} ] }
        """;

    /// <summary>Two checkpoints a large step apart: "one" after the first fit, "two" after a second at a high rate.</summary>
    public const string SavesTwo = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "precompute": true, "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 1}}, {"save": "one"}, {"fit": {"lr": 0.5, "cycles": 1}}, {"save": "two"} ] }
        """;

    /// <summary>Four full-image epochs of a few seconds each: long enough to interrupt between epochs.</summary>
    public const string FourEpochs = """
        { "data": { "path": "demo", "size": 32, "batchSize": 64 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 2, "cycleLen": 1, "cycleMult": 1}}, {"fit": {"lr": 0.005, "cycles": 2}} ] }
        """;

    /// <summary>Long enough to be stopped while running.</summary>
    public const string Long = """
        { "data": { "path": "demo", "size": 32, "batchSize": 16 }, "arch": "resnet18", "seed": 0,
          "steps": [ {"fit": {"lr": 0.01, "cycles": 50}} ] }
        """;
}

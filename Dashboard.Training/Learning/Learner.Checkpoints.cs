using Dashboard.Training.Events;

namespace Dashboard.Training.Learning;

public sealed partial class Learner
{
    /// <summary>Saves the weights and the class list as <c>name</c> in the models folder; returns the path.</summary>
    public string Save(string name)
    {
        var path = Checkpoints.PathFor(Options.ModelsFolder, name);
        Checkpoints.Save(path, Model, new CheckpointInfo(Model.Body.Architecture, Data.Classes, EpochsCompleted, DateTimeOffset.UtcNow));
        events.Emit(new Saved(name, path));
        return path;
    }

    /// <summary>Loads weights saved by <see cref="Save"/>; fails clearly when classes or architecture differ.</summary>
    public void Load(string name)
    {
        var path = Checkpoints.PathFor(Options.ModelsFolder, name);
        Checkpoints.Load(path, Model, Data.Classes, Model.Body.Architecture);
        activations?.Dispose();
        activations = null;
        if (Precompute) SetPrecompute(true);
        events.Emit(new Loaded(name, path));
    }
}

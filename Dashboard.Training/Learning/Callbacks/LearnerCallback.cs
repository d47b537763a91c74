namespace Dashboard.Training.Learning.Callbacks;

/// <summary>
/// A hook into the fit loop, as fastai's callbacks: the loop calls every callback's hook in <see cref="Order"/>
/// (low first) at each event, passing the fit's state. Hooks run on the training thread and must not block on I/O
/// they do not own; they report through the learner's event sink.
/// </summary>
public abstract class LearnerCallback
{
    /// <summary>Lower runs first: mode and schedule before the step, recording and saving after it.</summary>
    public virtual int Order => 0;

    /// <summary>Whether the learning-rate finder's sweep calls this callback too (most only care about real fits).</summary>
    public virtual bool DuringSweep => false;

    public virtual void BeforeFit(FitContext fit) { }

    /// <summary>After the model was put in training mode, before the epoch's first batch.</summary>
    public virtual void BeforeEpoch(FitContext fit) { }

    public virtual void BeforeBatch(FitContext fit) { }

    public virtual void AfterBatch(FitContext fit) { }

    /// <summary>After validation; <see cref="FitContext.LastEpoch"/> holds the epoch's figures.</summary>
    public virtual void AfterEpoch(FitContext fit) { }

    /// <summary>Always called, also when the fit was stopped or failed (see <see cref="FitContext.Outcome"/>).</summary>
    public virtual void AfterFit(FitContext fit) { }
}

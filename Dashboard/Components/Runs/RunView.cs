using Dashboard.Charts;
using Dashboard.Components.Runs.Progress;
using Dashboard.Runs;
using Dashboard.Training.Data;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Components.Runs;

/// <summary>
/// Everything the run page shows, rebuilt by applying the run's events in sequence order. An event whose sequence
/// was already applied is ignored, so stored history and live notifications can overlap safely.
/// <paramref name="recipeLayerGroups"/> is the recipe's largest learning-rate count, for when the run has not said yet.
/// </summary>
public sealed class RunView(IReadOnlyList<int> lrFindIterations, int? recipeLayerGroups = null, StepsView? steps = null)
{
    public const int LogCapacity = 100;
    /// <summary>A ResNet's layer groups (early body, late body, head), for planning before the run reports its own.</summary>
    private const int DefaultLayerGroups = 3;
    private readonly Queue<LogLine> log = new();
    private readonly List<EpochEnded> epochs = [];
    private readonly List<Saved> saved = [];
    private readonly SortedDictionary<int, BestEpochSaved> bestByFit = [];
    private readonly Dictionary<string, SkippedFile> skippedImages = [];
    private LayersFrozen? frozen;
    private int batchesPerEpoch = 1;

    public long LastSequence { get; private set; }
    public int Batches { get; private set; }
    public RunStarted? Started { get; private set; }

    /// <summary>The precision the learner computes in, once it has chosen (the recipe may have asked for <c>auto</c>).</summary>
    public PrecisionChosen? Precision { get; private set; }
    public LrFindView LrFind { get; } = new();
    public ScheduleView Schedule { get; } = new();
    /// <summary>A training batch's hover: its loss, run iteration, epoch, fit and batch in the fit (from 1), head's learning rate.</summary>
    private const string BatchHover =
        "loss %{y:.4f}<br>iteration %{x}<br>epoch %{customdata[0]} · fit %{customdata[1]} · batch %{customdata[2]}<br>lr %{customdata[3]:.3g}<extra></extra>";

    public LiveTrace TrainLoss { get; } = new("train loss (batch)") { Color = "#90a4ae", HoverTemplate = BatchHover };
    public LiveTrace ValidLoss { get; } = new("valid loss (epoch)") { Style = TraceStyle.LineAndMarkers, Color = "#ef6c00", MarkerSize = 8 };
    public LiveTrace Accuracy { get; } = new("accuracy (epoch)") { Style = TraceStyle.LineAndMarkers, Color = "#2e7d32", MarkerSize = 8 };
    public ProgressView Progress { get; } = new();
    /// <summary>Each loss point's epoch and wall time, for the loss chart's other x axes.</summary>
    public LossAxes LossAxes { get; } = new();
    /// <summary>The recipe's steps with the current one, durations and the whole run's ETA (empty when the recipe does not parse).</summary>
    public StepsView Steps { get; } = steps ?? new StepsView([], 1);
    public BatchThumbnailsView Thumbnails { get; } = new();
    public SystemView System { get; } = new();
    public IReadOnlyList<EpochEnded> Epochs => epochs;
    public IReadOnlyList<Saved> Checkpoints => saved;
    /// <summary>The best epoch so far of each fit that keeps one (saveBest), in fit order.</summary>
    public IEnumerable<BestEpochSaved> BestEpochs => bestByFit.Values;
    public TtaCompleted? Tta { get; private set; }
    /// <summary>The time spent running, over every part of a stopped and resumed run.</summary>
    public ActiveTime ActiveTime { get; } = new();
    /// <summary>Where the run stopped (failed, was interrupted) and where it resumed, on the loss chart's iteration axis.</summary>
    public LiveTrace Stops { get; } = new("stopped") { Style = TraceStyle.Markers, Color = "#c62828", MarkerSize = 12 };
    public LiveTrace Resumes { get; } = new("resumed") { Style = TraceStyle.Markers, Color = "#1565c0", MarkerSize = 8 };
    public ConfusionMatrixComputed? Confusion { get; private set; }
    public TopLossesComputed? TopLosses { get; private set; }
    /// <summary>Images training could not read (left out of their batches), each file once.</summary>
    public IReadOnlyCollection<SkippedFile> SkippedImages => skippedImages.Values;
    /// <summary>Why the resize cache stopped keeping copies, if it did.</summary>
    public string? ResizeCacheProblem { get; private set; }
    public RunCompleted? Completed { get; private set; }
    /// <summary>The model's layer groups, as the run's freezing reports them (else as the recipe's rates imply); null when unknown.</summary>
    public int? LayerGroups => frozen?.TotalGroups ?? recipeLayerGroups;
    /// <summary>The last <see cref="LogCapacity"/> events other than single batches, newest first.</summary>
    public IEnumerable<LogLine> Log => log.Reverse();

    /// <summary>A view for a stored run; its recipe says how long each lr_find sweep will be, and how many rates a fit takes.</summary>
    public static RunView For(RunSummary run)
    {
        try
        {
            var recipe = RecipeParser.Parse(run.RecipeJson);
            var steps = recipe.Steps;
            return new RunView(steps.OfType<LrFindStep>().Select(s => s.MaxIterations).ToArray(), steps.OfType<FitStep>().Max(f => (int?)f.LearningRates.Count),
                new StepsView(RunPlan.From(recipe, DefaultLayerGroups), recipe.Data.BatchSize));
        }
        catch (RecipeException) { return new RunView([]); }
    }

    /// <summary>
    /// A view of stored events as they count (<see cref="RunHistory"/>): what a resume superseded is left out, except its
    /// stop in the log and on the loss chart, and its time in <see cref="ActiveTime"/>.
    /// </summary>
    public static RunView From(RunSummary run, IReadOnlyList<RunEvent> stored)
    {
        var view = For(run);
        var counted = RunHistory.Effective(stored).Select(e => e.Sequence).ToHashSet();
        foreach (var runEvent in stored)
            if (counted.Contains(runEvent.Sequence)) view.Apply(runEvent);
            else view.ApplySuperseded(runEvent);
        return view;
    }

    public bool Apply(RunEvent runEvent)
    {
        if (runEvent.Sequence <= LastSequence) return false;
        LastSequence = runEvent.Sequence;
        ActiveTime.Add(runEvent.Event);
        Thumbnails.Apply(runEvent.Sequence, runEvent.Event);
        Steps.Apply(runEvent.Event);
        Apply(runEvent.Event);
        if (runEvent.Event is not (BatchEnded or LrFindBatchEnded or PhaseProgressed or SystemSampled)) AddLog(runEvent);
        return true;
    }

    private void ApplySuperseded(RunEvent runEvent)
    {
        LastSequence = runEvent.Sequence;
        ActiveTime.Add(runEvent.Event);
        if (runEvent.Event is not (RunEnded or FitStopped)) return;
        AddLog(runEvent);
        if (runEvent.Event is RunEnded) MarkAtLastBatch(Stops);
    }

    private void Apply(TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case RunStarted started: Started = started; LossAxes.Started(started.At); break;
            case PrecisionChosen precision: Precision = precision; break;
            case LrFindBatchEnded batch: ApplyFinderBatch(batch); break;
            case LrFindCompleted finder: LrFind.Apply(finder); Progress.Finish("lr_find done"); break;
            case ScheduleComputed schedule: Schedule.Apply(schedule, Batches); break;
            case FitStarted fit: batchesPerEpoch = fit.BatchesPerEpoch; Progress.Start($"fit {fit.FitIndex + 1}", fit.Epochs * fit.BatchesPerEpoch); break;
            case BatchEnded batch: ApplyBatch(batch); break;
            case EpochEnded epoch: ApplyEpoch(epoch); break;
            case FitCompleted fit: Progress.Finish($"fit {fit.FitIndex + 1} done"); break;
            case FitStopped fit: Progress.EndEarly($"fit {fit.FitIndex + 1} stopped"); break;
            case FitFailed fit: Progress.EndEarly($"fit {fit.FitIndex + 1} failed"); break;
            case PhaseProgressed phase: Progress.Apply(phase); break;
            case SystemSampled sample: System.Apply(sample); break;
            case LayersFrozen layers: frozen = layers; break;
            case Saved checkpoint: saved.Add(checkpoint); break;
            case BestEpochSaved best: bestByFit[best.FitIndex] = best; saved.Add(new Saved(best.Name, best.Path)); break;
            case TtaCompleted tta: Tta = tta; break;
            case ConfusionMatrixComputed confusion: Confusion = confusion; break;
            case TopLossesComputed topLosses: TopLosses = topLosses; break;
            case ImagesSkipped skipped: foreach (var file in skipped.Files) skippedImages.TryAdd(file.Path, file); break;
            case ResizeCacheStopped cache: ResizeCacheProblem = cache.Reason; break;
            case RunCompleted completed: Completed = completed; Progress.Finish("run completed"); break;
            case RunEnded ended: Progress.EndEarly($"run {ended.Status}"); MarkAtLastBatch(Stops); break;
            case RunResumed: MarkAtLastBatch(Resumes); break;
        }
    }

    private void ApplyFinderBatch(LrFindBatchEnded batch)
    {
        if (batch.Iteration == 0)
        {
            int sweep = LrFind.Sweeps;
            Progress.Start($"lr_find{(sweep > 0 ? $" {sweep + 1}" : "")}", sweep < lrFindIterations.Count ? lrFindIterations[sweep] : 100);
        }
        LrFind.Apply(batch);
        Progress.Step(batch.Iteration + 1, batch.At);
    }

    private void ApplyBatch(BatchEnded batch)
    {
        int points = TrainLoss.Count;
        TrainLoss.Add(Batches, batch.Loss, [batch.Epoch + 1, batch.FitIndex + 1, batch.Iteration + 1, batch.LearningRate]);
        if (TrainLoss.Count > points) LossAxes.AddTrain(batch.Epoch + (batch.Iteration % batchesPerEpoch + 1.0) / batchesPerEpoch, batch.At);
        Schedule.Apply(batch);
        Batches++;
        Progress.Step(batch.Iteration + 1, batch.At);
    }

    private void ApplyEpoch(EpochEnded epoch)
    {
        epochs.Add(epoch);
        int points = ValidLoss.Count;
        ValidLoss.Add(Math.Max(0, Batches - 1), epoch.ValidLoss);
        if (ValidLoss.Count > points) LossAxes.AddValid(epoch.Epoch + 1, epoch.At);
        Accuracy.Add(epoch.Epoch + 1, epoch.Accuracy);
    }

    /// <summary>A marker at the last batch drawn, where a stopped run continues when resumed.</summary>
    private void MarkAtLastBatch(LiveTrace markers) => markers.Add(Math.Max(0, Batches - 1), TrainLoss.Count > 0 ? TrainLoss.Y[^1] : double.NaN);

    private void AddLog(RunEvent runEvent)
    {
        log.Enqueue(new LogLine(runEvent.Sequence, runEvent.Event.At, EventText.Describe(runEvent.Event)));
        while (log.Count > LogCapacity) log.Dequeue();
    }
}

public sealed record LogLine(long Sequence, DateTimeOffset At, string Text);

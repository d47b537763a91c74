using System.Collections.Concurrent;
using Dashboard.Training.Learning;
using Dashboard.Training.Precision;

namespace Dashboard.Bench.Efficiency;

/// <summary>
/// Pipeline ÷ compute alone at one size, the goal: two unfrozen fits, one fed by the loader (decode,
/// augmentation, resize cache) and one by copies of one decoded batch, on two threads that take turns batch by batch in
/// <see cref="EfficiencySchedule"/>'s order. Only one trains at a time; the loader's background work happens in the
/// pipeline's turns, where it is taken. Both are measured over the same minutes in turns of a few seconds, so a machine
/// whose speed wanders (another tenant, a busy core) slows both sides alike, and each round gives a ratio of its own.
/// </summary>
public static class InterleavedEfficiency
{
    public static EfficiencyFigures Measure(BenchDataset dataset, BenchOptions options, SizeRun run, ThreadPlan threads, BenchProgress progress)
    {
        var schedule = EfficiencySchedule.Batches(options.EfficiencyRounds, options.EfficiencySlotBatches, options.WarmupBatches, options.TurnLeadInBatches);
        using var stop = new CancellationTokenSource();
        var (pipelineClock, computeClock) = (new BatchClock(int.MaxValue, stop), new BatchClock(int.MaxValue, stop));
        using var messages = new BlockingCollection<string>();
        var roundEnds = EfficiencySchedule.RoundEnds(schedule);
        using var baton = new TurnBaton(schedule, stop, position => // on the fit thread holding the baton: the other waits
        {
            if (roundEnds.TryGetValue(position, out var round))
                messages.Add(RoundMessage(round, Figures(schedule, pipelineClock, computeClock, options, run, [])));
        });
        var loaded = new WaitTimingData(OursPipeline.LoaderData(dataset, options, run.Size, threads));
        using var repeated = new RepeatedBatchData(OursPipeline.LoaderData(dataset, options, run.Size, threads), options.EfficiencySlotBatches);
        using var pipeline = OursPipeline.UnfrozenLearner(new TurnTakingData(loaded, baton, FitSide.Pipeline, pipelineClock, Count(schedule, FitSide.Pipeline)),
            dataset, options, pipelineClock, TrainingPrecision.Fp32);
        using var computeAlone = OursPipeline.UnfrozenLearner(new TurnTakingData(repeated, baton, FitSide.ComputeAlone, computeClock, Count(schedule, FitSide.ComputeAlone)),
            dataset, options, computeClock, TrainingPrecision.Fp32);
        var fits = FitTogether([pipeline, computeAlone], options, threads, stop, messages);
        foreach (var message in messages.GetConsumingEnumerable()) progress.Done(message);
        fits.GetAwaiter().GetResult();
        if (pipelineClock.Ends.Count != Count(schedule, FitSide.Pipeline) || computeClock.Ends.Count != Count(schedule, FitSide.ComputeAlone))
            throw new InvalidOperationException($"The fits ended after {pipelineClock.Ends.Count} and {computeClock.Ends.Count} of {schedule.Count} scheduled batches.");
        return Figures(schedule, pipelineClock, computeClock, options, run, loaded.Waits);
    }

    /// <summary>Both fits on threads of their own with the plan's libtorch threads; the first failure stops the other and is rethrown.</summary>
    private static Task FitTogether(Learner[] learners, BenchOptions options, ThreadPlan threads, CancellationTokenSource stop, BlockingCollection<string> messages)
    {
        var fits = learners.Select(learner => Task.Factory.StartNew(() =>
        {
            using var torchThreads = threads.ApplyToTorch();
            try { learner.Fit(new FitRequest(options.LearningRate), stop.Token); }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        return Task.WhenAll(fits).ContinueWith(all =>
        {
            messages.CompleteAdding();
            all.GetAwaiter().GetResult();
        }, TaskScheduler.Default);
    }

    private static int Count(IReadOnlyList<ScheduledBatch> schedule, FitSide side) => schedule.Count(batch => batch.Side == side);

    private static EfficiencyFigures Figures(IReadOnlyList<ScheduledBatch> schedule, BatchClock pipelineClock, BatchClock computeClock,
        BenchOptions options, SizeRun run, IReadOnlyList<double> waits)
    {
        var (pipelineSlots, computeSlots) = (SlotTimings.Of(schedule, FitSide.Pipeline, pipelineClock), SlotTimings.Of(schedule, FitSide.ComputeAlone, computeClock));
        var slotImages = options.EfficiencySlotBatches * options.BatchSize;
        var pipelineTimed = pipelineSlots.Values.Aggregate(default(BatchClock.Mark), (sum, mark) => sum + mark);
        var images = pipelineSlots.Count * slotImages;
        var pipeline = new PipelineFigures(images / pipelineTimed.Seconds, images, pipelineTimed.Seconds, TimedWaits(schedule, waits),
            pipelineTimed.CpuSeconds, pipelineTimed.Allocated / 1024.0 / (pipelineSlots.Count * options.EfficiencySlotBatches));
        var computeOnly = computeSlots.Count * slotImages / computeSlots.Values.Sum(mark => mark.Seconds);
        var rounds = Enumerable.Range(0, options.EfficiencyRounds)
            .Select(round => SlotTimings.RoundEfficiency(round, pipelineSlots, computeSlots)).OfType<double>().ToList();
        return new EfficiencyFigures(pipeline, computeOnly, rounds);
    }

    /// <summary>Seconds the pipeline fit waited for its timed batches (the wait list holds one entry per pipeline batch, in order).</summary>
    private static double TimedWaits(IReadOnlyList<ScheduledBatch> schedule, IReadOnlyList<double> waits) =>
        schedule.Where(batch => batch.Side == FitSide.Pipeline).Select((batch, index) => (batch, index))
            .Where(pair => pair.batch.Slot is not null && pair.index < waits.Count).Sum(pair => waits[pair.index]);

    private static string RoundMessage(int round, EfficiencyFigures figures) =>
        $"round {round + 1}: ours {figures.Pipeline.ImagesPerSecond:F1} images/s, compute alone {figures.ComputeOnlyImagesPerSecond:F1} images/s " +
        $"so far; this round {figures.RoundEfficiencies[^1]:P1}…";
}

/// <summary>
/// The pipeline's figures over all its timed slots, compute alone's rate over all of its own (equal images), and each
/// finished round's ratio; their spread gives the standard error of the pooled ratio.
/// </summary>
public sealed record EfficiencyFigures(PipelineFigures Pipeline, double ComputeOnlyImagesPerSecond, IReadOnlyList<double> RoundEfficiencies);

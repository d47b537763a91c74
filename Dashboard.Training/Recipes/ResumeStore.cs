using System.Text.Json;
using Dashboard.Training.Learning;

namespace Dashboard.Training.Recipes;

/// <summary>Where a recipe stood at its last epoch boundary: the step, the epochs done in it, and the results so far.</summary>
public sealed record ResumeRecord(int StepIndex, int EpochInStep, LearnerProgress Learner, LrFindSummary? LrFind,
    IReadOnlyList<EpochSummary> Epochs, IReadOnlyList<string> Saved, int Fits, IReadOnlyList<BestEpochSummary>? Best = null);

/// <summary>
/// A run's resume point in its own folder: the weights (<c>resume.ckpt</c>) and the record (<c>resume.json</c>), each
/// written atomically, weights first, so a crash at any moment leaves a matching pair (the record names the epoch).
/// <paramref name="mayWrite"/>, when given, is asked before each write; false keeps the previous resume point (a worker
/// process: the server has not stored every event up to this epoch, so a resume point here would be ahead of the history).
/// <paramref name="written"/>, when given, is told after each resume point is written (a worker uploads it).
/// </summary>
public sealed class ResumeStore(string folder, Func<bool>? mayWrite = null, Action? written = null)
{
    public const string WeightsFile = "resume.ckpt";
    public const string RecordFile = "resume.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string WeightsPath => Path.Combine(folder, WeightsFile);
    public string RecordPath => Path.Combine(folder, RecordFile);

    public void Save(Learner learner, ResumeRecord record)
    {
        if (mayWrite is not null && !mayWrite()) return;
        learner.WriteWeights(WeightsPath);
        AtomicFile.Write(RecordPath, stream => JsonSerializer.Serialize(stream, record, Json));
        written?.Invoke();
    }

    public ResumeRecord? TryRead()
    {
        if (!File.Exists(RecordPath) || !File.Exists(WeightsPath)) return null;
        using var stream = File.OpenRead(RecordPath);
        return JsonSerializer.Deserialize<ResumeRecord>(stream, Json);
    }
}

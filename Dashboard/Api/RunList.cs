using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary>One page of <c>GET /api/runs</c>: summaries without their recipes (the detail endpoint has it), and how many runs there are.</summary>
public sealed record RunList(IReadOnlyList<RunList.Item> Runs, int Total, int Skip, int Take)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 500;

    public sealed record Item(string Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
        string? Message, double? Accuracy, double? TtaAccuracy, string? Owner)
    {
        public static Item From(RunSummary run) =>
            new(run.Id, run.Name, run.Status, run.CreatedAt, run.StartedAt, run.EndedAt, run.Message, run.Accuracy, run.TtaAccuracy, run.Owner);
    }

    public static RunList Read(RunStore store, int? skip, int? take)
    {
        int from = Math.Max(0, skip ?? 0), count = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        return new RunList(store.List(from, count).Select(Item.From).ToArray(), store.Count(), from, count);
    }
}

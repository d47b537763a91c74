using Dashboard.Runs;
using Dashboard.Runs.Listing;
using Dashboard.Storage;
using Dashboard.Tests.Data;

namespace Dashboard.Tests.Server;

/// <summary>The runs list's search, filters, sort and paging on a real SQLite store, and the upgrade of a database made before them.</summary>
public sealed class RunQueryTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly RunStore store;

    public RunQueryTests() => store = new RunStore(folder.File("runs.db"));

    public void Dispose() => folder.Dispose();

    private static string Recipe(string dataset, int size = 32, string arch = "resnet18") =>
        $$$"""{ "data": { "path": "{{{dataset}}}", "size": {{{size}}} }, "arch": "{{{arch}}}", "steps": [ {"fit": {"lr": 0.01}} ] }""";

    private RunSummary Finished(string name, string recipe, double accuracy, string? owner = null, string status = RunStatus.Finished)
    {
        var run = store.Create(name, recipe, owner);
        store.SetStatus(run.Id, status);
        store.SetResult(run.Id, accuracy, null);
        return run;
    }

    private string[] Names(RunQuery query, int skip = 0, int take = 50) => store.List(query, skip, take).Select(r => r.Name).ToArray();

    [Fact]
    public void Search_finds_runs_by_a_part_of_their_name_a_tag_or_the_dataset_path_ignoring_case()
    {
        Finished("cats baseline", Recipe("/data/pets"), 0.8);
        var tagged = Finished("second", Recipe("/data/birds"), 0.7);
        Finished("third", Recipe("/data/dogs-and-cats"), 0.6);
        store.Annotate(tagged.Id, new RunAnnotations(["ablation", "lr-sweep"], "a note"));

        Assert.Equal(["third", "cats baseline"], Names(new RunQuery(Search: "CATS")));
        Assert.Equal(["second"], Names(new RunQuery(Search: "sweep")));
        Assert.Equal(["second"], Names(new RunQuery(Search: "birds")));
        Assert.Empty(Names(new RunQuery(Search: "%")));
        Assert.Equal(3, store.Count(new RunQuery(Search: "  ")));
    }

    [Fact]
    public void Status_and_owner_filters_match_exactly_and_combine_with_search()
    {
        Finished("a", Recipe("demo"), 0.5, owner: "tom");
        Finished("b", Recipe("demo"), 0.5, owner: "tess", status: RunStatus.Failed);
        Finished("c", Recipe("demo"), 0.5, owner: "tom", status: RunStatus.Failed);

        Assert.Equal(["c", "b"], Names(new RunQuery(Status: RunStatus.Failed)));
        Assert.Equal(["c", "a"], Names(new RunQuery(Owner: "tom")));
        Assert.Equal(["c"], Names(new RunQuery(Status: RunStatus.Failed, Owner: "tom")));
        Assert.Equal(1, store.Count(new RunQuery(Search: "b", Status: RunStatus.Failed)));
        Assert.Equal(["tess", "tom"], store.Owners());
    }

    [Fact]
    public void Runs_sort_by_accuracy_name_or_image_size_either_way_and_page_in_that_order()
    {
        Finished("middle", Recipe("demo", size: 64), 0.7);
        Finished("Best", Recipe("demo", size: 32), 0.9);
        Finished("worst", Recipe("demo", size: 128), 0.4);

        Assert.Equal(["Best", "middle", "worst"], Names(new RunQuery(Sort: RunSortColumn.Accuracy)));
        Assert.Equal(["worst", "middle", "Best"], Names(new RunQuery(Sort: RunSortColumn.Accuracy, Descending: false)));
        Assert.Equal(["Best", "middle", "worst"], Names(new RunQuery(Sort: RunSortColumn.Name, Descending: false)));
        Assert.Equal(["worst", "middle", "Best"], Names(new RunQuery(Sort: RunSortColumn.Size)));
        Assert.Equal(["middle"], Names(new RunQuery(Sort: RunSortColumn.Accuracy), skip: 1, take: 1));
    }

    [Fact]
    public void Tags_and_a_note_are_stored_with_the_run_and_replaced_by_the_next_annotation()
    {
        var run = Finished("run", Recipe("demo"), 0.5);

        store.Annotate(run.Id, new RunAnnotations(["a", "b"], "first try"));
        Assert.Equal(["a", "b"], store.Find(run.Id)!.Tags);
        Assert.Equal("first try", store.Find(run.Id)!.Note);
        store.Annotate(run.Id, new RunAnnotations([], null));
        Assert.Empty(store.Find(run.Id)!.Tags);
        Assert.Null(store.Find(run.Id)!.Note);
        Assert.False(store.Annotate("no-such-run", new RunAnnotations(["a"], null)));
    }

    [Fact]
    public void A_database_from_before_tags_gains_the_new_columns_and_its_runs_are_found_by_dataset()
    {
        var path = folder.File("old.db");
        new SqliteDatabase(path).Execute("""
            CREATE TABLE runs (id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, recipe TEXT NOT NULL,
                created_at TEXT NOT NULL, started_at TEXT, ended_at TEXT, message TEXT, accuracy REAL, tta_accuracy REAL);
            INSERT INTO runs (id, name, status, recipe, created_at) VALUES ('old1', 'old run', 'finished', $recipe, '2025-01-01T00:00:00+00:00');
            """, ("$recipe", Recipe("/data/flowers")));

        var upgraded = new RunStore(path);

        Assert.Equal(["old run"], upgraded.List(new RunQuery(Search: "flowers"), 0, 10).Select(r => r.Name));
        Assert.Empty(upgraded.Find("old1")!.Tags);
        Assert.True(upgraded.Annotate("old1", new RunAnnotations(["kept"], "after the upgrade")));
    }

    [Theory]
    [InlineData(new[] { "has space" }, null, "may hold only letters")]
    [InlineData(new[] { "a,b" }, null, "may hold only letters")]
    [InlineData(new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k" }, null, "at most 10 tags")]
    [InlineData(new[] { "ok" }, "x", null)]
    public void Annotations_are_checked_with_a_reason_for_each_refusal(string[] tags, string? note, string? reason)
    {
        var (annotations, error) = RunAnnotations.Check(tags, note);

        if (reason is null) Assert.Equal(["ok"], annotations!.Tags);
        else Assert.Contains(reason, error);
        Assert.Contains("longer than 32", RunAnnotations.Check([new string('t', 40)], null).Error);
        Assert.Contains("at most 1000", RunAnnotations.Check([], new string('n', 1001)).Error);
        Assert.Equal(["Same"], RunAnnotations.Check(["Same", " same "], "  ").Annotations!.Tags);
    }
}

using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

public sealed class DatasetLocatorTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Recognises_each_kind_of_path()
    {
        var folders = temp.Folder("folders");
        ImageFolders.Create(folders, ["a", "b"], 2, 1);
        var idx = temp.Folder("idx");
        IdxTestFiles.WriteFolder(idx, 4, 2, 10, gzip: true);
        var csv = temp.File("folders", "labels.csv");
        File.WriteAllText(csv, "train/a/000.png,a\ntrain/b/000.png,b\nvalid/a/000.png,a\n");

        Assert.Equal(("folders", 4), Describe(folders));
        Assert.Equal(("idx", 4), Describe(idx));
        Assert.Equal(("csv", 2), Describe(csv));
        Assert.Equal(("demo", 1000), Describe("demo"));
    }

    private static (string?, int) Describe(string path) => (DatasetLocator.KindOf(path), DatasetLocator.Open(path).Train.Count);

    [Fact]
    public void Unknown_paths_are_named()
    {
        var missing = Path.Combine(temp.Path, "missing");
        Assert.Contains(missing, Assert.Throws<DatasetException>(() => DatasetLocator.Open(missing)).Message);
        var text = temp.File("notes.txt");
        File.WriteAllText(text, "hello");
        Assert.Contains(text, Assert.Throws<DatasetException>(() => DatasetLocator.Open(text)).Message);
        var plain = temp.Folder("plain");
        Assert.Contains(Path.Combine(plain, "train"), Assert.Throws<DatasetException>(() => DatasetLocator.Open(plain)).Message);
    }
}

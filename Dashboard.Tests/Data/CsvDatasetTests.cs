using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string WriteImagesAndCsv(int count, string header = "file,label\n")
    {
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            TestImages.SolidPng(temp.File("images", $"{i:D3}.png"), ImageFolders.ColourOf(i % 3));
            lines.Add($"{i:D3}.png,{(i % 3 == 0 ? "zebra" : i % 3 == 1 ? "ant" : "moth")}");
        }
        var csv = temp.File("labels.csv");
        File.WriteAllText(csv, header + string.Join("\n", lines) + "\n");
        return csv;
    }

    private static CsvDatasetOptions Options(double fraction = 0.2, int seed = 42) =>
        new() { ImageFolder = "images", ValidFraction = fraction, Seed = seed };

    [Fact]
    public void Loads_rows_with_header_sorted_classes_and_the_requested_split()
    {
        var data = CsvDataset.Load(WriteImagesAndCsv(20), Options(fraction: 0.25));
        Assert.Equal(["ant", "moth", "zebra"], data.Classes);
        Assert.Equal(15, data.Train.Count);
        Assert.Equal(5, data.Valid.Count);
        var item = data.Train.Concat(data.Valid).Single(i => i.Name.EndsWith("003.png"));
        Assert.Equal("zebra", data.ClassName(item));
    }

    [Fact]
    public void Header_is_optional()
    {
        var data = CsvDataset.Load(WriteImagesAndCsv(10, header: ""), Options());
        Assert.Equal(10, data.Train.Count + data.Valid.Count);
    }

    [Fact]
    public void Split_is_reproducible_by_seed_and_changes_with_it()
    {
        var csv = WriteImagesAndCsv(30);
        string Valid(int seed) => string.Join(",", CsvDataset.Load(csv, Options(seed: seed)).Valid.Select(i => i.Name));
        Assert.Equal(Valid(1), Valid(1));
        Assert.NotEqual(Valid(1), Valid(2));
    }

    [Fact]
    public void Quoted_fields_and_suffix_are_understood()
    {
        TestImages.SolidPng(temp.File("my, image.png"), new Rgb24(0, 0, 0));
        TestImages.SolidPng(temp.File("other.png"), new Rgb24(0, 0, 0));
        var csv = temp.File("l.csv");
        File.WriteAllText(csv, "\"my, image\",\"big \"\"cat\"\"\"\nother,dog\n");
        var data = CsvDataset.Load(csv, new CsvDatasetOptions { Suffix = ".png", ValidFraction = 0.5 });
        Assert.Equal(["big \"cat\"", "dog"], data.Classes);
    }

    [Fact]
    public void Corrupt_file_is_skipped_and_reported()
    {
        var csv = WriteImagesAndCsv(10);
        var corrupt = TestImages.CorruptPng(temp.File("images", "bad.png"));
        File.AppendAllText(csv, "bad.png,ant\n");
        var data = CsvDataset.Load(csv, Options());
        Assert.Equal(10, data.Train.Count + data.Valid.Count);
        Assert.Equal(corrupt, Assert.Single(data.Skipped).Path);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var csv = WriteImagesAndCsv(5);
        File.AppendAllText(csv, "ghost.png,ant\n");
        var error = Assert.Throws<DatasetException>(() => CsvDataset.Load(csv, Options()));
        Assert.Contains(Path.Combine(temp.Path, "images", "ghost.png"), error.Message);
        Assert.Contains("line 7", error.Message);
    }

    [Fact]
    public void Missing_csv_and_row_without_label_are_named()
    {
        var missing = Path.Combine(temp.Path, "none.csv");
        Assert.Contains(missing, Assert.Throws<DatasetException>(() => CsvDataset.Load(missing)).Message);
        var csv = temp.File("bad.csv");
        File.WriteAllText(csv, "just-a-file.png\n");
        Assert.Contains(csv, Assert.Throws<DatasetException>(() => CsvDataset.Load(csv)).Message);
    }

    [Fact]
    public void Csv_without_any_readable_image_is_named()
    {
        TestImages.CorruptPng(temp.File("bad.png"));
        var csv = temp.File("only-bad.csv");
        File.WriteAllText(csv, "bad.png,ant\n");
        Assert.Contains(csv, Assert.Throws<DatasetException>(() => CsvDataset.Load(csv)).Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Fraction_outside_zero_one_is_rejected(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvDataset.Load(WriteImagesAndCsv(3), Options(fraction)));
}

using Dashboard.Training.Data;
using Dashboard.Training.Data.Idx;
using Xunit.Abstractions;

namespace Dashboard.Tests.Data;

public sealed class IdxDatasetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_gzipped_and_raw_files_into_train_and_valid(bool gzip)
    {
        IdxTestFiles.WriteFolder(temp.Path, trainCount: 12, testCount: 5, classes: 10, gzip);
        var data = IdxDataset.Load(temp.Path);
        Assert.Equal(IdxDataset.DigitNames, data.Classes);
        Assert.Equal(12, data.Train.Count);
        Assert.Equal(5, data.Valid.Count);
        Assert.Equal([0, 1, 2, 3, 4], data.Valid.Select(item => item.Label));
        using var image = data.Train[7].Source.Load();
        Assert.Equal((IdxTestFiles.Side, IdxTestFiles.Side), (image.Width, image.Height));
        var gray = IdxTestFiles.PixelOf(7, 0);
        Assert.Equal(new Rgb24(gray, gray, gray), TestImages.At(image, 1, 2));
    }

    [Fact]
    public void Limit_per_split_reads_only_the_first_images()
    {
        IdxTestFiles.WriteFolder(temp.Path, 12, 5, 10, gzip: true);
        var data = IdxDataset.Load(temp.Path, new IdxDatasetOptions { LimitPerSplit = 3 });
        Assert.Equal(3, data.Train.Count);
        Assert.Equal(3, data.Valid.Count);
    }

    [Fact]
    public void Class_names_are_sorted_and_labels_renumbered_to_match()
    {
        IdxTestFiles.WriteFolder(temp.Path, 3, 3, classes: 3, gzip: false);
        File.WriteAllLines(Path.Combine(temp.Path, IdxDatasetOptions.ClassNamesFile), ["zero", "one", "two"]);
        var data = IdxDataset.Load(temp.Path);
        Assert.Equal(["one", "two", "zero"], data.Classes);
        Assert.Equal(["zero", "one", "two"], data.Train.Select(data.ClassName));
    }

    [Fact]
    public void Malformed_header_is_named()
    {
        IdxTestFiles.WriteFolder(temp.Path, 3, 3, 10, gzip: true);
        var images = Path.Combine(temp.Path, "train-images-idx3-ubyte.gz");
        IdxTestFiles.Write(images, gzip: true, [0x1234, 3, 4, 4], new byte[48]);
        var error = Assert.Throws<DatasetException>(() => IdxDataset.Load(temp.Path));
        Assert.Contains(images, error.Message);
        Assert.Contains("header", error.Message);
    }

    [Fact]
    public void Truncated_data_and_label_mismatch_are_named()
    {
        IdxTestFiles.WriteFolder(temp.Path, 3, 3, 10, gzip: false);
        var images = Path.Combine(temp.Path, "t10k-images-idx3-ubyte");
        IdxTestFiles.Write(images, gzip: false, [0x803, 3, 4, 4], new byte[20]);
        Assert.Contains(images, Assert.Throws<DatasetException>(() => IdxDataset.Load(temp.Path)).Message);
        IdxTestFiles.Write(images, gzip: false, [0x803, 2, 4, 4], new byte[32]);
        var labels = Path.Combine(temp.Path, "t10k-labels-idx1-ubyte");
        Assert.Contains(labels, Assert.Throws<DatasetException>(() => IdxDataset.Load(temp.Path)).Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        IdxTestFiles.WriteFolder(temp.Path, 3, 3, 10, gzip: true);
        File.Delete(Path.Combine(temp.Path, "t10k-labels-idx1-ubyte.gz"));
        var error = Assert.Throws<DatasetException>(() => IdxDataset.Load(temp.Path));
        Assert.Contains(Path.Combine(temp.Path, "t10k-labels-idx1"), error.Message);
    }

    [SkippableFact]
    public void Real_fashion_mnist_when_installed()
    {
        Preconditions.Require(Directory.Exists(FashionMnist.DebianFolder), $"{FashionMnist.DebianFolder} not found (apt-get install dataset-fashion-mnist)");
        var data = IdxDataset.Load(FashionMnist.DebianFolder);
        Assert.Equal(FashionMnist.ClassNames.Order(StringComparer.Ordinal), data.Classes);
        Assert.Equal((60_000, 10_000), (data.Train.Count, data.Valid.Count));
        Assert.Equal("ankle_boot", data.ClassName(data.Train[0]));
        using var image = data.Train[0].Source.Load();
        Assert.Equal((28, 28), (image.Width, image.Height));
        output.WriteLine(data.ToString());
    }
}

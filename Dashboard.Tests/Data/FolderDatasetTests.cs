using Dashboard.Training.Data;

namespace Dashboard.Tests.Data;

public sealed class FolderDatasetTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Loads_sorted_classes_labelled_train_and_valid_and_unlabelled_test()
    {
        ImageFolders.Create(temp, ["dog", "cat"], trainPerClass: 3, validPerClass: 2);
        TestImages.SolidPng(temp.File("test", "a.png"), new Rgb24(1, 2, 3));
        var data = FolderDataset.Load(temp.Path);
        Assert.Equal(["cat", "dog"], data.Classes);
        Assert.Equal(6, data.Train.Count);
        Assert.Equal(4, data.Valid.Count);
        Assert.Equal(3, data.Train.Count(item => data.ClassName(item) == "dog" && item.Name.Contains("/dog/")));
        Assert.All(data.Test!, item => Assert.False(item.IsLabelled));
        Assert.Single(data.Test!);
        Assert.Empty(data.Skipped);
    }

    [Fact]
    public void Test_is_null_without_a_test_folder()
    {
        ImageFolders.Create(temp, ["a"], 1, 1);
        Assert.Null(FolderDataset.Load(temp.Path).Test);
    }

    [Fact]
    public void Corrupt_and_non_image_files_are_skipped_and_reported()
    {
        ImageFolders.Create(temp, ["a", "b"], 2, 1);
        var text = TestImages.NotAnImage(temp.File("train", "a", "notes.txt"));
        var corrupt = TestImages.CorruptPng(temp.File("valid", "b", "broken.png"));
        var loose = TestImages.SolidPng(temp.File("train", "loose.png"), new Rgb24(0, 0, 0));
        var data = FolderDataset.Load(temp.Path);
        Assert.Equal(4, data.Train.Count);
        Assert.Equal(2, data.Valid.Count);
        Assert.Equal(new[] { corrupt, loose, text }.Order(), data.Skipped.Select(s => s.Path).Order());
        Assert.All(data.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void Grayscale_images_load_as_three_equal_channels()
    {
        TestImages.GrayPng(temp.File("train", "a", "g.png"), 77);
        TestImages.GrayPng(temp.File("valid", "a", "g.png"), 77);
        using var image = FolderDataset.Load(temp.Path).Train[0].Source.Load();
        Assert.Equal(new Rgb24(77, 77, 77), TestImages.At(image, 3, 3));
    }

    [Fact]
    public void Hidden_folders_are_not_classes()
    {
        ImageFolders.Create(temp, ["a"], 1, 1);
        TestImages.SolidPng(temp.File("train", ".ipynb_checkpoints", "x.png"), new Rgb24(0, 0, 0));
        Assert.Equal(["a"], FolderDataset.Load(temp.Path).Classes);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var missing = Path.Combine(temp.Path, "nowhere");
        var error = Assert.Throws<DatasetException>(() => FolderDataset.Load(missing));
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("valid")]
    public void Missing_split_folder_is_named(string split)
    {
        ImageFolders.Create(temp, ["a"], 1, 1);
        Directory.Delete(Path.Combine(temp.Path, split), recursive: true);
        var error = Assert.Throws<DatasetException>(() => FolderDataset.Load(temp.Path));
        Assert.Contains(Path.Combine(temp.Path, split), error.Message);
        Assert.Contains($"{split}/", error.Message);
    }

    [Fact]
    public void Empty_class_folder_is_named()
    {
        ImageFolders.Create(temp, ["a"], 1, 1);
        var empty = temp.Folder("train", "b");
        var error = Assert.Throws<DatasetException>(() => FolderDataset.Load(temp.Path));
        Assert.Contains(empty, error.Message);
        Assert.Equal(empty, error.Path);
    }

    [Fact]
    public void Valid_class_missing_from_train_is_named()
    {
        ImageFolders.Create(temp, ["a"], 1, 1);
        var stray = TestImages.SolidPng(temp.File("valid", "zebra", "z.png"), new Rgb24(0, 0, 0));
        var error = Assert.Throws<DatasetException>(() => FolderDataset.Load(temp.Path));
        Assert.Contains(Path.GetDirectoryName(stray)!, error.Message);
        Assert.Contains("zebra", error.Message);
    }
}

using Dashboard.Training.Data;
using Dashboard.Training.Data.Idx;

namespace Dashboard.Tests.Data;

public class DemoDatasetTests
{
    [Fact]
    public void Demo_has_ten_classes_with_100_train_and_30_valid_each()
    {
        var data = DatasetLocator.Open("demo");
        Assert.Equal(FashionMnist.ClassNames.Order(StringComparer.Ordinal), data.Classes);
        Assert.Equal((1000, 300), (data.Train.Count, data.Valid.Count));
        Assert.All(data.Train.GroupBy(item => item.Label), group => Assert.Equal(100, group.Count()));
        Assert.All(data.Valid.GroupBy(item => item.Label), group => Assert.Equal(30, group.Count()));
        Assert.Empty(data.Skipped);
        Assert.Null(data.Test);
        using var image = data.Valid[^1].Source.Load();
        Assert.Equal((28, 28), (image.Width, image.Height));
    }

    [Fact]
    public void Demo_folder_has_its_readme_and_licence()
    {
        var readme = File.ReadAllText(Path.Combine(DemoDataset.Path, "README.md"));
        Assert.Contains("dataset-fashion-mnist", readme);
        Assert.Contains("MIT", readme);
    }
}

using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Tests.Data;

namespace Dashboard.Tests.Components;

public sealed class DatasetsPageTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new();

    [Fact]
    public void The_demo_is_listed_with_its_ten_classes_and_sample_images()
    {
        var page = context.Render<Dashboard.Components.Pages.Datasets>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("10 classes · 1000 train · 300 valid · 0 skipped", page.Find("[data-dataset='demo']").TextContent);
            Assert.Equal(10, page.FindAll(".class-table tbody tr").Count);
        }, TimeSpan.FromSeconds(30));
        var sample = page.Find(".class-table img.sample");
        Assert.StartsWith("/api/datasets/image?dataset=demo&split=train&index=", sample.GetAttribute("src"));
        Assert.Equal(8, page.FindAll("#augmentation-preview img.augmented").Count);
    }

    [Fact]
    public async Task A_dataset_under_a_data_root_is_listed_with_its_skipped_files()
    {
        using var root = new TempFolder();
        ImageFolders.Create(root.Folder("pets"), ["cat", "dog"], trainPerClass: 2, validPerClass: 1);
        TestImages.CorruptPng(root.File("pets", "train", "cat", "broken.png"));
        root.Folder("not-a-dataset");
        await using var withRoot = new DashboardTestContext(root.Path);

        var page = withRoot.Render<Dashboard.Components.Pages.Datasets>();

        page.WaitForAssertion(() =>
            Assert.Contains("2 classes · 4 train · 2 valid · 1 skipped", page.Find($"[data-dataset='{Path.Combine(root.Path, "pets")}']").TextContent));
        Assert.Equal(2, page.FindAll(".dataset-card").Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}

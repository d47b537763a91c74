using Bunit;
using Dashboard.Auth;
using Dashboard.Datasets;
using Dashboard.Tests.Data;
using Dashboard.Training.Data;
using SkiaSharp;

namespace Dashboard.Tests.Components;

/// <summary>The Datasets page's resize cache panel on the app's own cache (real copies in the test's data folder).</summary>
public sealed class ResizeCachePanelTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new(signIn: true);
    private readonly TempFolder photos = new();

    private ResizeCache Cache => context.Get<DashboardResizeCache>().Cache!;

    /// <summary>Two real copies: 800×600 JPEGs read at 64 px, as training at that size reads them.</summary>
    private void MakeTwoCopies()
    {
        for (var i = 0; i < 2; i++)
        {
            var path = TestImages.NoiseJpeg(photos.File($"{i}.jpg"), 800, 600, seed: i);
            using var image = Cache.Load(new FileImageSource(path), minShorterSide: 64, long.MaxValue);
        }
        Assert.Equal(2, Cache.Usage().Copies);
    }

    [Fact]
    public void An_admin_sees_the_copies_and_clears_them_after_confirming_and_copies_are_made_again()
    {
        MakeTwoCopies();
        context.SignInAs("ada", Roles.Admin);

        var page = context.Render<Dashboard.Components.Pages.Datasets>();

        page.WaitForAssertion(() => Assert.StartsWith("2 copies, ", page.Find("#resize-cache-usage").TextContent));
        Assert.EndsWith($" MB of {20_000:N0} MB", page.Find("#resize-cache-usage").TextContent);
        page.Find("#resize-cache .ask-clear").Click();
        page.WaitForAssertion(() => page.Find("#resize-cache .confirm-clear").Click());

        page.WaitForAssertion(() => Assert.StartsWith("Cleared 2 copies", page.Find("#resize-cache-cleared").TextContent));
        Assert.Equal(0, Cache.Usage().Copies);
        page.WaitForAssertion(() => Assert.StartsWith($"0 copies, {0.0:N1} MB", page.Find("#resize-cache-usage").TextContent));
        Assert.Empty(page.FindAll("#resize-cache .ask-clear")); // nothing left to clear
        MakeTwoCopies(); // 4 written in all: reads after a clear write copies again
    }

    [Theory]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Viewer)]
    public void Others_see_the_copies_and_no_clear_button(string role)
    {
        MakeTwoCopies();
        context.SignInAs("someone", role);

        var page = context.Render<Dashboard.Components.Pages.Datasets>();

        page.WaitForAssertion(() => Assert.StartsWith("2 copies, ", page.Find("#resize-cache-usage").TextContent));
        Assert.Empty(page.FindAll("#resize-cache .ask-clear"));
        Assert.Equal(2, Cache.Usage().Copies);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        photos.Dispose();
    }
}

using Dashboard.Tests.Server;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The new-run form in Chromium: messages that appear move nothing, and narrow fields have no spin buttons over their labels.</summary>
public sealed class NewRunFormBrowserTests : IAsyncLifetime
{
    private static readonly string[] Watched = ["#submit-run", ".field-batchSize", ".field-steps-1-cycleMult", "[data-step='2']"];
    private DashboardHost host = default!;
    private Browser browser = default!;

    private IPage Page => browser.Page;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync();
        browser = await Browser.LaunchAsync(host.BaseAddress);
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(400)]
    public async Task Messages_appearing_under_fields_move_nothing_on_the_page(int width)
    {
        await Page.SetViewportSizeAsync(width, 1000);
        await browser.OpenAsync("/runs/new", "new-run");
        await Assertions.Expect(Page.Locator(".field-name input")).ToHaveValueAsync("");
        var before = await BoxesAsync();
        await browser.ScreenshotAsync($"new-run-{width}");

        await SetAsync(".field-size input", "8");
        await SetAsync(".field-steps-1-cycles input", "abc");

        await Assertions.Expect(Page.Locator(".field-size")).ToContainTextAsync("must be between 16 and 1024");
        await Assertions.Expect(Page.Locator(".field-steps-1-cycles")).ToContainTextAsync("enter a whole number");
        await Assertions.Expect(Page.Locator("#submit-run")).ToBeDisabledAsync();
        var after = await BoxesAsync();
        await browser.ScreenshotAsync($"new-run-errors-{width}");
        for (int i = 0; i < Watched.Length; i++)
        {
            Assert.True(Math.Abs(before[i][0] - after[i][0]) < 0.5 && Math.Abs(before[i][1] - after[i][1]) < 0.5,
                $"{Watched[i]} moved from ({before[i][0]}, {before[i][1]}) to ({after[i][0]}, {after[i][1]}) at {width} px");
        }
    }

    [Fact]
    public async Task Number_fields_have_no_spin_buttons_and_their_labels_fit_inside_them()
    {
        await browser.OpenAsync("/runs/new", "new-run");
        await Page.ClickAsync("#preset-lesson1");
        await Assertions.Expect(Page.Locator(".step-editor")).ToHaveCountAsync(8);

        await Assertions.Expect(Page.Locator(".recipe-form .mud-input-numeric-spin")).ToHaveCountAsync(0);
        var overflowing = await Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.recipe-form .mud-input-control')]
                .filter(c => { const l = c.querySelector('label'); return l && l.getBoundingClientRect().right > c.getBoundingClientRect().right + 1; })
                .map(c => c.className)
            """);
        Assert.Empty(overflowing);
        await browser.ScreenshotAsync("new-run-lesson-1400");
    }

    /// <summary>Where each watched element is on the page (not in the viewport: focus may scroll it).</summary>
    private Task<double[][]> BoxesAsync() => Page.EvaluateAsync<double[][]>("""
        selectors => selectors.map(s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY]; })
        """, Watched);

    private async Task SetAsync(string selector, string value)
    {
        await Page.FillAsync(selector, value);
        await Page.PressAsync(selector, "Tab");
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }
}

using Dashboard.Runs;
using Dashboard.Tests.Server;
using Dashboard.Training.Events;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The theme follows the browser's colour scheme: a dark page (and charts with light text) for a browser that prefers
/// dark, a light one otherwise, and the app bar's device badge readable (WCAG contrast of at least 4.5) in both.
/// </summary>
public sealed class ThemeBrowserTests : IAsyncLifetime
{
    /// <summary>Relative luminance (WCAG) of a computed CSS colour "rgb(r, g, b)" or "rgba(r, g, b, a)".</summary>
    private const string LuminanceJs = """
        const luminance = css => {
          const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(v => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const opaqueBackground = element => {
          for (let e = element; e; e = e.parentElement) {
            const color = getComputedStyle(e).backgroundColor;
            if (!/rgba\(.*,\s*0\)$/.test(color) && color !== 'transparent') return color;
          }
          return 'rgb(255, 255, 255)';
        };
        """;

    private DashboardHost host = default!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    [Theory]
    [InlineData(ColorScheme.Dark, true)]
    [InlineData(ColorScheme.Light, false)]
    public async Task The_page_follows_the_browsers_colour_scheme_and_the_device_badge_stays_readable(ColorScheme scheme, bool dark)
    {
        await using var browser = await Browser.LaunchAsync(host.BaseAddress, scheme);
        await browser.OpenAsync("/runs", "runs");

        string wanted = dark ? "< 0.1" : "> 0.8";
        await browser.Page.WaitForFunctionAsync($"() => {{ {LuminanceJs} return luminance(getComputedStyle(document.body).backgroundColor) {wanted}; }}");
        double contrast = await browser.Page.EvaluateAsync<double>($$"""
            () => { {{LuminanceJs}}
              const badge = document.querySelector('.mud-appbar .mud-chip');
              const [a, b] = [luminance(getComputedStyle(badge).color), luminance(opaqueBackground(badge))];
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }
            """);
        Assert.True(contrast >= 4.5, $"device badge contrast {contrast:0.00} in {scheme}");
        await browser.ScreenshotAsync($"runs-{scheme.ToString().ToLowerInvariant()}");
    }

    /// <summary>The body's colour when the server's HTML is parsed (DOMContentLoaded), before the interactive circuit has started.</summary>
    [Theory]
    [InlineData(ColorScheme.Dark, true)]
    [InlineData(ColorScheme.Light, false)]
    public async Task The_first_paint_already_has_the_browsers_colour_scheme(ColorScheme scheme, bool dark)
    {
        await using var browser = await Browser.LaunchAsync(host.BaseAddress, scheme);
        await browser.Page.AddInitScriptAsync("document.addEventListener('DOMContentLoaded', () => window.firstPaintBackground = getComputedStyle(document.body).backgroundColor)");
        await browser.Page.GotoAsync("/runs");

        string wanted = dark ? "< 0.1" : "> 0.8";
        var first = await browser.Page.EvaluateAsync<string>("() => window.firstPaintBackground");
        Assert.StartsWith("rgb(", first); // opaque: MudBlazor's stylesheet had applied
        Assert.True(await browser.Page.EvaluateAsync<bool>($"() => {{ {LuminanceJs} return luminance(window.firstPaintBackground) {wanted}; }}"), $"first paint's background {first} in {scheme}");
    }

    [Fact]
    public async Task In_dark_mode_the_charts_draw_light_text_on_the_cards_dark_background()
    {
        var run = host.Get<RunQueue>().Submit(TinyRecipes.SavesHead, "dark charts");
        await using var browser = await Browser.LaunchAsync(host.BaseAddress, ColorScheme.Dark);
        await browser.OpenAsync($"/runs/{run.Id}", "run");
        // The loss chart is drawn with its first batch: on a loaded machine the worker may take longer than a page wait to get there.
        var store = host.Get<RunStore>();
        await ApiWaits.WaitForRunAsync(store, run.Id, () => store.Events(run.Id).Any(e => e.Event is BatchEnded), TimeSpan.FromMinutes(1));

        await browser.Page.WaitForFunctionAsync($"() => {{ {LuminanceJs} const l = document.getElementById('chart-loss')?.layout; return !!l && luminance(l.font.color) > 0.5; }}");
        var background = await browser.Page.EvaluateAsync<string>("() => document.getElementById('chart-loss').layout.paper_bgcolor");
        Assert.Equal("rgba(0,0,0,0)", background.Replace(" ", ""));
        await browser.Page.WaitForSelectorAsync($".status-chip[data-status='{RunStatus.Finished}']", new PageWaitForSelectorOptions { Timeout = 180_000 });
        await browser.ScreenshotAsync("run-dark");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();
}

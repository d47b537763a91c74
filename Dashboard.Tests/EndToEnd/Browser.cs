using Microsoft.Playwright;

using Dashboard.Tests.Server;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Headless Debian Chromium driven by Playwright, one page at a time, with the dashboard's waits.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page) => (this.playwright, this.browser, Page) = (playwright, browser, page);

    public IPage Page { get; }
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A browser whose pages ask for <paramref name="colorScheme"/> (prefers-color-scheme), light unless told.</summary>
    public static async Task<Browser> LaunchAsync(Uri baseAddress, ColorScheme colorScheme = ColorScheme.Light)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArgs, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, ColorScheme = colorScheme });
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return new Browser(playwright, browser, page);
    }

    /// <summary>Opens a page and waits until its circuit is interactive (the marker set after the first interactive render).</summary>
    public async Task OpenAsync(string path, string pageName)
    {
        await Page.GotoAsync(path);
        await ReadyAsync(pageName);
    }

    public Task ReadyAsync(string pageName) =>
        Page.WaitForSelectorAsync($"#page-ready[data-page='{pageName}'][data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>How many points the browser's plot of <paramref name="chartId"/> has in its trace <paramref name="trace"/>.</summary>
    public Task<int> PlottedPointsAsync(string chartId, int trace = 0) =>
        Page.EvaluateAsync<int>("([id, t]) => document.getElementById(id)?.data?.[t]?.x?.length ?? 0", new object[] { chartId, trace });

    /// <summary>Waits until the browser's plot has exactly <paramref name="count"/> points in the trace.</summary>
    public Task WaitForPlottedAsync(string chartId, int count, int trace = 0, float timeoutMs = 30_000) =>
        Page.WaitForFunctionAsync("([id, t, n]) => (document.getElementById(id)?.data?.[t]?.x?.length ?? 0) === n",
            new object[] { chartId, trace, count }, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });

    public Task<int> PlottedTracesAsync(string chartId) =>
        Page.EvaluateAsync<int>("id => document.getElementById(id)?.data?.length ?? 0", chartId);

    /// <summary>
    /// Empty when the page fits the viewport's width (nothing makes the page itself scroll sideways); otherwise the page's
    /// scroll width and the elements whose right edge passes the viewport, to say what overflows.
    /// </summary>
    public Task<string> OverflowAsync() => Page.EvaluateAsync<string>("""
        () => {
          const width = window.innerWidth;
          if (document.scrollingElement.scrollWidth <= width) return '';
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].slice(0, 3).join('.') : '') + ` "${e.textContent.trim().slice(0, 40)}"`;
          const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
          const past = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5 && !clipped(e));
          const innermost = past.filter(e => !past.some(other => other !== e && e.contains(other)));
          return `scroll width ${document.scrollingElement.scrollWidth} > ${width}: ` + innermost.slice(0, 5).map(name).join(', ');
        }
        """);

    /// <summary>
    /// Empty when every table fits its box; otherwise each table that scrolls sideways inside it (a phone user would have
    /// to scroll the table to reach its last columns), with its widths.
    /// </summary>
    public Task<string> TablesScrollingSidewaysAsync() => Page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('table')]
          .map(t => t.closest('.mud-table-container') ?? t.parentElement)
          .filter(box => box.scrollWidth > box.clientWidth + 1)
          .map(box => `${box.closest('[id]')?.id ?? box.className}: ${box.scrollWidth} px in ${box.clientWidth}`)
          .join(', ')
        """);

    /// <summary>Switches lazy images to eager, then true once every image has loaded (or failed).</summary>
    private const string AllImagesLoadedJs = """
        () => {
          document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');
          return [...document.images].every(i => i.complete);
        }
        """;

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        // A full-page shot shows images below the fold, which lazy loading would never fetch: load them now, and at each
        // check, as a page still rendering adds images after the first (a dataset's samples arrive with its summary; one
        // left lazy below the fold is never complete). Thumbnails and augmented previews are made by the server on
        // request: slow, not missing, on a loaded machine.
        await Page.WaitForFunctionAsync(AllImagesLoadedJs, null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

using System.Globalization;
using Spectre.Console;

namespace Dashboard.Cli;

/// <summary>One progress bar as fastprogress draws it: label, bar, percentage, done/total, details, elapsed and ETA.</summary>
public static class ProgressLine
{
    private const int BarWidth = 30;

    public static Markup Render(string label, int done, int total, TimeSpan elapsed, string detail)
    {
        double fraction = total == 0 ? 0 : Math.Clamp(done / (double)total, 0, 1);
        int filled = (int)(fraction * BarWidth);
        var eta = done == 0 ? "--:--" : Clock(elapsed * ((total - done) / (double)done));
        var numbers = $"{fraction.ToString("P0", CultureInfo.InvariantCulture)} {done}/{total} {detail} [{Clock(elapsed)}<{eta}]";
        return new Markup($"{Markup.Escape(label)} [green]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] {Markup.Escape(numbers)}");
    }

    private static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}

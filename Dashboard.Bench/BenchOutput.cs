using Dashboard.Training;

namespace Dashboard.Bench;

/// <summary>How every measuring command ends: its table on the output and, when asked, its figures as a JSON file.</summary>
public static class BenchOutput
{
    public static void Finish(TextWriter output, string table, string? path, Func<string> json)
    {
        output.WriteLine();
        output.Write(table);
        if (path is null) return;
        AtomicFile.Write(path, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); writer.Write(json()); });
        output.WriteLine($"\nwrote {path}");
    }
}

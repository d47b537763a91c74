namespace Dashboard.Cli;

public sealed class CountProgress(TextWriter writer, string label, int total) : IProgress<int>, IDisposable
{
    public static CountProgress For(TextWriter writer, string label, int total) => new(writer, label, total);
    public void Report(int value) => writer.WriteLine($"{label} {value}/{total}");
    public void Dispose() { }
}

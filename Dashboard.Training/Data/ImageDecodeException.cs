namespace Dashboard.Training.Data;

/// <summary>An image that cannot be decoded (corrupt, truncated, unknown format) or is refused (too many pixels); names the file.</summary>
public sealed class ImageDecodeException(string name, string problem) : Exception($"{name}: {problem}")
{
    public string Name { get; } = name;

    /// <summary>Why, without the name: what skipped-file reports show beside the path.</summary>
    public string Problem { get; } = problem;
}

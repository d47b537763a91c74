namespace Dashboard.Training.Data.Idx;

/// <summary>
/// The four files of an MNIST-style folder: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each optionally gzipped (<c>.gz</c>);
/// the <c>train-images.idx3-ubyte</c> spelling is accepted too.
/// </summary>
public sealed record IdxFileSet(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    public const string TrainPrefix = "train";
    public const string TestPrefix = "t10k";

    /// <summary>True when the folder holds a training-images IDX file.</summary>
    public static bool Recognises(string folder) =>
        Directory.Exists(folder) && Find(folder, TrainPrefix, "images", "idx3") is not null;

    /// <summary>The four files; a missing one is an error naming the file expected.</summary>
    public static IdxFileSet In(string folder) => new(
        Require(folder, TrainPrefix, "images", "idx3"), Require(folder, TrainPrefix, "labels", "idx1"),
        Require(folder, TestPrefix, "images", "idx3"), Require(folder, TestPrefix, "labels", "idx1"));

    private static string Require(string folder, string prefix, string kind, string format) =>
        Find(folder, prefix, kind, format)
        ?? throw new DatasetException(Path.Combine(folder, $"{prefix}-{kind}-{format}-ubyte.gz"), "IDX file not found");

    private static string? Find(string folder, string prefix, string kind, string format) =>
        Directory.EnumerateFiles(folder, $"{prefix}-{kind}*{format}*").Order(StringComparer.Ordinal).FirstOrDefault();
}

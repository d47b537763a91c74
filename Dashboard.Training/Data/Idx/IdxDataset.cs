namespace Dashboard.Training.Data.Idx;

/// <summary>
/// An MNIST-style IDX folder (see <see cref="IdxFileSet"/>): <c>train</c> becomes <see cref="DataBunch.Train"/>
/// and <c>t10k</c> becomes <see cref="DataBunch.Valid"/>. Pixels stay in memory; classes are sorted by name and
/// labels renumbered to match, so Fashion-MNIST here and the demo class folders share class indices.
/// </summary>
public static class IdxDataset
{
    /// <summary>MNIST digits: the label is the digit.</summary>
    public static readonly IReadOnlyList<string> DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static DataBunch Load(string folder, IdxDatasetOptions? options = null)
    {
        options ??= new IdxDatasetOptions();
        options.Validate();
        if (!Directory.Exists(folder)) throw new DatasetException(folder, "IDX folder not found");
        var files = IdxFileSet.In(folder);
        var names = ClassNamesFor(folder, options);
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        var renumber = names.Select(name => sorted.IndexOf(name)).ToArray();
        return new DataBunch
        {
            Source = folder, Classes = sorted,
            Train = Split(files.TrainImages, files.TrainLabels, renumber, options.LimitPerSplit),
            Valid = Split(files.TestImages, files.TestLabels, renumber, options.LimitPerSplit),
        };
    }

    private static List<DataItem> Split(string imagesPath, string labelsPath, int[] renumber, int? limit)
    {
        var images = IdxReader.ReadImages(imagesPath, limit);
        var labels = IdxReader.ReadLabels(labelsPath, limit);
        if (labels.Length != images.Count)
            throw new DatasetException(labelsPath, $"IDX labels ({labels.Length}) do not match the images ({images.Count}) of {imagesPath}");
        var unknown = labels.FirstOrDefault(label => label >= renumber.Length);
        if (unknown >= renumber.Length)
            throw new DatasetException(labelsPath, $"IDX label {unknown} has no class name ({renumber.Length} classes)");
        return labels.Select((label, i) => new DataItem(new InMemoryImageSource(images, i), renumber[label])).ToList();
    }

    private static IReadOnlyList<string> ClassNamesFor(string folder, IdxDatasetOptions options)
    {
        var namesFile = Path.Combine(folder, IdxDatasetOptions.ClassNamesFile);
        var names = options.ClassNames ?? ReadNamesFile(namesFile) ?? DefaultNames(folder);
        if (names.Count == 0 || names.Distinct().Count() != names.Count)
            throw new DatasetException(File.Exists(namesFile) ? namesFile : folder, "IDX class names must be a non-empty list without duplicates");
        return names;
    }

    private static List<string>? ReadNamesFile(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList() : null;

    private static IReadOnlyList<string> DefaultNames(string folder) =>
        Path.GetFullPath(folder).Contains("fashion", StringComparison.OrdinalIgnoreCase) ? FashionMnist.ClassNames : DigitNames;
}

namespace Dashboard.Training.Data;

/// <summary>
/// A labels CSV (<c>file,label</c>, header optional) and a folder of images, like fastai's <c>from_csv</c>.
/// A seeded share of the readable rows becomes the validation set; classes are the distinct labels in ordinal order.
/// </summary>
public static class CsvDataset
{
    public static bool Recognises(string path) =>
        File.Exists(path) && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The labels file of a folder that holds its CSV dataset (an uploaded one): the one <c>.csv</c> at its top; null when
    /// it has none or several, or when it is laid out as class folders.
    /// </summary>
    public static string? LabelsIn(string folder)
    {
        if (!Directory.Exists(folder) || FolderDataset.Recognises(folder)) return null;
        var files = Directory.GetFiles(folder, "*.csv");
        return files.Length == 1 ? files[0] : null;
    }

    public static DataBunch Load(string csvPath, CsvDatasetOptions? options = null)
    {
        options ??= new CsvDatasetOptions();
        options.Validate();
        if (!File.Exists(csvPath)) throw new DatasetException(csvPath, "CSV file not found");
        var imageFolder = ImageFolder(csvPath, options);
        string PathOf(string file) => Path.Combine(imageFolder, file + options.Suffix);
        var rows = CsvLabelFile.Read(csvPath, options, file => File.Exists(PathOf(file)));
        RequireFilesExist(csvPath, rows, PathOf);
        var (readable, skipped) = ImageFileCheck.Split(rows.Select(row => PathOf(row.File)));
        var readableSet = readable.ToHashSet();
        var kept = rows.Select(row => (Path: PathOf(row.File), row.Label)).Where(row => readableSet.Contains(row.Path)).ToList();
        if (kept.Count == 0) throw new DatasetException(csvPath, "CSV names no readable image");
        return SplitRows(csvPath, kept, skipped, options);
    }

    private static DataBunch SplitRows(string csvPath, List<(string Path, string Label)> rows, IReadOnlyList<SkippedFile> skipped, CsvDatasetOptions options)
    {
        var classes = rows.Select(row => row.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var items = rows.Select(row => new DataItem(new FileImageSource(row.Path), classes.BinarySearch(row.Label, StringComparer.Ordinal))).ToList();
        var (train, valid) = ValidationSplit.Indices(items.Count, options.ValidFraction, options.Seed);
        return new DataBunch
        {
            Source = csvPath, Classes = classes, Skipped = skipped,
            Train = train.Select(i => items[i]).ToList(), Valid = valid.Select(i => items[i]).ToList(),
        };
    }

    private static string ImageFolder(string csvPath, CsvDatasetOptions options)
    {
        var csvFolder = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var folder = options.ImageFolder is null ? csvFolder : Path.Combine(csvFolder, options.ImageFolder);
        return Directory.Exists(folder) ? folder : throw new DatasetException(folder, "Image folder of the CSV not found");
    }

    private static void RequireFilesExist(string csvPath, IEnumerable<CsvLabelRow> rows, Func<string, string> pathOf)
    {
        var missing = rows.FirstOrDefault(row => !File.Exists(pathOf(row.File)));
        if (missing is not null)
            throw new DatasetException(pathOf(missing.File), $"{csvPath} line {missing.Line} names a file that does not exist");
    }
}

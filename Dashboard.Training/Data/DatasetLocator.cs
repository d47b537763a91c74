using Dashboard.Training.Data.Idx;

namespace Dashboard.Training.Data;

/// <summary>
/// Opens a dataset by what the path is: "demo", a .csv labels file, an IDX folder, image class folders, or a folder
/// holding one .csv labels file at its top (images relative to it).
/// </summary>
public static class DatasetLocator
{
    public static DataBunch Open(DatasetOptions options) => Open(options.Path, options);

    public static DataBunch Open(string path, DatasetOptions? options = null)
    {
        options ??= new DatasetOptions();
        if (string.Equals(path, DemoDataset.Name, StringComparison.OrdinalIgnoreCase)) return DemoDataset.Load();
        if (CsvDataset.Recognises(path)) return CsvDataset.Load(path, options.Csv);
        if (File.Exists(path)) throw new DatasetException(path, "A dataset file must be a .csv of file,label rows");
        if (!Directory.Exists(path)) throw new DatasetException(path, "No dataset here (expected \"demo\", a folder or a .csv file)");
        if (IdxFileSet.Recognises(path)) return IdxDataset.Load(path, options.Idx);
        if (CsvDataset.LabelsIn(path) is { } labels) return CsvDataset.Load(labels, options.Csv);
        return FolderDataset.Load(path);
    }

    /// <summary>Which loader <see cref="Open(string, DatasetOptions?)"/> would use, for display; null when none would.</summary>
    public static string? KindOf(string path) =>
        string.Equals(path, DemoDataset.Name, StringComparison.OrdinalIgnoreCase) ? "demo"
        : CsvDataset.Recognises(path) || CsvDataset.LabelsIn(path) is not null ? "csv"
        : IdxFileSet.Recognises(path) ? "idx"
        : FolderDataset.Recognises(path) ? "folders"
        : null;
}

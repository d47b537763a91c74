using Dashboard.Training.Data.Idx;

namespace Dashboard.Training.Data;

/// <summary>Which dataset to open and how; bound to the "Data" configuration section.</summary>
public sealed class DatasetOptions
{
    public const string SectionName = "Data";

    /// <summary>"demo", an IDX folder, a folder with train/ and valid/, or a .csv labels file.</summary>
    public string Path { get; set; } = DemoDataset.Name;

    public CsvDatasetOptions Csv { get; set; } = new();

    public IdxDatasetOptions Idx { get; set; } = new();
}

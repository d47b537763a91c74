namespace Dashboard.Training.Data;

/// <summary>
/// Image folders laid out as fastai's <c>from_paths</c>: <c>train/&lt;class&gt;/*</c>, <c>valid/&lt;class&gt;/*</c>
/// and an optional unlabelled <c>test/</c>. Class names are the train/ subfolder names in ordinal order.
/// </summary>
public static class FolderDataset
{
    public const string TrainFolder = "train";
    public const string ValidFolder = "valid";
    public const string TestFolder = "test";

    /// <summary>True when the folder has both train/ and valid/ subfolders.</summary>
    public static bool Recognises(string folder) =>
        Directory.Exists(Path.Combine(folder, TrainFolder)) && Directory.Exists(Path.Combine(folder, ValidFolder));

    public static DataBunch Load(string root)
    {
        RequireFolder(root, "Dataset folder not found");
        var trainFolder = RequireFolder(Path.Combine(root, TrainFolder), "Dataset has no train/ folder");
        var validFolder = RequireFolder(Path.Combine(root, ValidFolder), "Dataset has no valid/ folder");
        var classes = ClassFolders.Names(trainFolder);
        ClassFolders.RequireKnownClasses(validFolder, classes);
        var skipped = new List<SkippedFile>();
        var train = ClassFolders.LabelledItems(trainFolder, classes, skipped);
        var valid = ClassFolders.LabelledItems(validFolder, classes, skipped);
        var testFolder = Path.Combine(root, TestFolder);
        var test = Directory.Exists(testFolder) ? UnlabelledItems(testFolder, skipped) : null;
        return new DataBunch { Source = root, Classes = classes, Train = train, Valid = valid, Test = test, Skipped = skipped };
    }

    private static List<DataItem> UnlabelledItems(string folder, List<SkippedFile> skipped)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        var (readable, unreadable) = ImageFileCheck.Split(files);
        skipped.AddRange(unreadable);
        return readable.Select(path => new DataItem(new FileImageSource(path), DataItem.Unlabelled)).ToList();
    }

    private static string RequireFolder(string folder, string problem) =>
        Directory.Exists(folder) ? folder : throw new DatasetException(folder, problem);
}

namespace Dashboard.Training.Data;

/// <summary>
/// The built-in demo: 1,300 Fashion-MNIST images (10 classes, 100 train and 30 valid each) as PNG class folders,
/// copied next to the binaries of every project that references Dashboard.Training. See its README for provenance.
/// </summary>
public static class DemoDataset
{
    public const string Name = "demo";
    public const string FolderName = "fashion-mnist-demo";

    /// <summary>The demo folder under the application's base directory.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "DemoData", FolderName);

    public static DataBunch Load() => FolderDataset.Load(Path);
}

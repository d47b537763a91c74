namespace DemoDatasetMaker;

/// <summary>What to take from where; every value has a default so a bare run reproduces the committed demo.</summary>
public sealed class MakerOptions
{
    public string Source { get; set; } = "/usr/share/datasets/fashion-mnist";

    public string Output { get; set; } = "Dashboard.Training/DemoData/fashion-mnist-demo";

    public string CopyrightFile { get; set; } = "/usr/share/doc/dataset-fashion-mnist/copyright";

    /// <summary>Version of the Debian package the files came from, for the README (the script asks dpkg).</summary>
    public string PackageVersion { get; set; } = "unknown";

    public int TrainPerClass { get; set; } = 100;

    public int ValidPerClass { get; set; } = 30;

    /// <summary>Reads <c>--name value</c> pairs, e.g. <c>--output some/folder --train-per-class 10</c>.</summary>
    public static MakerOptions Parse(string[] args)
    {
        var options = new MakerOptions();
        for (var i = 0; i + 1 < args.Length; i += 2) options.Set(args[i], args[i + 1]);
        if (args.Length % 2 != 0) throw new ArgumentException($"Option {args[^1]} has no value.");
        return options;
    }

    private void Set(string name, string value)
    {
        switch (name)
        {
            case "--source": Source = value; break;
            case "--output": Output = value; break;
            case "--copyright": CopyrightFile = value; break;
            case "--package-version": PackageVersion = value; break;
            case "--train-per-class": TrainPerClass = int.Parse(value); break;
            case "--valid-per-class": ValidPerClass = int.Parse(value); break;
            default: throw new ArgumentException($"Unknown option {name}.");
        }
    }
}

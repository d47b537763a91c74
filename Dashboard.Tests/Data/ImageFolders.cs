namespace Dashboard.Tests.Data;

/// <summary>Builds train/valid class-folder datasets of small solid PNGs.</summary>
public static class ImageFolders
{
    /// <summary>One colour per class, so a loaded pixel tells which class its image came from.</summary>
    public static Rgb24 ColourOf(int classIndex) => new((byte)(classIndex * 60), (byte)(255 - classIndex * 60), 128);

    public static string Create(string root, IReadOnlyList<string> classes, int trainPerClass, int validPerClass)
    {
        for (var c = 0; c < classes.Count; c++)
        {
            WriteClass(Path.Combine(root, "train", classes[c]), trainPerClass, ColourOf(c));
            WriteClass(Path.Combine(root, "valid", classes[c]), validPerClass, ColourOf(c));
        }
        return root;
    }

    public static string Create(TempFolder temp, IReadOnlyList<string> classes, int trainPerClass, int validPerClass) =>
        Create(temp.Path, classes, trainPerClass, validPerClass);

    private static void WriteClass(string folder, int count, Rgb24 colour)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++) TestImages.SolidPng(Path.Combine(folder, $"{i:D3}.png"), colour);
    }
}

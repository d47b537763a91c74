using System.IO.Compression;
using Dashboard.Training.Data;

namespace Dashboard.Tests.Server;

/// <summary>Zip archives for upload tests, built with System.IO.Compression from the demo dataset's PNGs.</summary>
public static class DatasetZips
{
    /// <summary>Unix mode of a symbolic link (S_IFLNK | 0777) in a zip entry's external attributes.</summary>
    public const int SymlinkAttributes = 0xA1FF << 16;

    /// <summary>A good archive: train/ and valid/ folders with <paramref name="perClass"/> demo images of two classes; <paramref name="extra"/> adds entries.</summary>
    public static byte[] ClassFolders(int perClass = 4, Action<ZipArchive>? extra = null)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var className in DemoClasses().Take(2))
                foreach (var split in new[] { "train", "valid" })
                    foreach (var png in DemoImages(className).Take(perClass))
                        Add(zip, $"{split}/{className}/{Path.GetFileName(png)}", File.ReadAllBytes(png));
            extra?.Invoke(zip);
        }
        return memory.ToArray();
    }

    /// <summary>
    /// A good archive in fastai's <c>from_csv</c> layout inside one top folder: <c>labels.csv</c> of <c>file,label</c> rows
    /// (with a header) and the images it names under <c>images/</c>, <paramref name="perClass"/> of two classes;
    /// <paramref name="extraRows"/> adds rows.
    /// </summary>
    public static byte[] LabelsCsv(int perClass = 8, params string[] extraRows)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var rows = new List<string> { "file,label" };
            foreach (var className in DemoClasses().Take(2))
                foreach (var png in DemoImages(className).Take(perClass))
                {
                    var file = $"images/{className}-{Path.GetFileName(png)}";
                    Add(zip, $"labelled/{file}", File.ReadAllBytes(png));
                    rows.Add($"{file},{className}");
                }
            Add(zip, "labelled/labels.csv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows.Concat(extraRows)) + "\n"));
        }
        return memory.ToArray();
    }

    public static ZipArchiveEntry Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        stream.Write(content);
        return entry;
    }

    /// <summary>An entry of <paramref name="megabytes"/> MB of zeros: deflated to a few hundred KB.</summary>
    public static void AddZeros(ZipArchive zip, string name, int megabytes)
    {
        var zeros = new byte[1024 * 1024];
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        for (int i = 0; i < megabytes; i++) stream.Write(zeros);
    }

    private static IEnumerable<string> DemoClasses() =>
        Directory.GetDirectories(Path.Combine(DemoDataset.Path, "train")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static IEnumerable<string> DemoImages(string className) =>
        Directory.GetFiles(Path.Combine(DemoDataset.Path, "train", className)).Order(StringComparer.Ordinal);
}

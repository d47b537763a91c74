namespace Dashboard.Training.Data;

/// <summary>
/// Checks image files cheaply at scan time by reading only their headers (<see cref="ImageDecoder.HeaderProblem"/>),
/// so corrupt, non-image and oversized files are reported and left out instead of failing a training run later.
/// Files whose header is fine but whose pixels are truncated are caught when decoded (the loader's skipped files).
/// </summary>
public static class ImageFileCheck
{
    /// <summary>Null when the file looks like a readable image, otherwise why it does not.</summary>
    public static string? Problem(string path, long maxPixels = LoaderOptions.DefaultMaxPixels)
    {
        try { return ImageDecoder.HeaderProblem(path, maxPixels); }
        catch (IOException e) { return "unreadable: " + e.Message; }
        catch (UnauthorizedAccessException e) { return "unreadable: " + e.Message; }
    }

    /// <summary>Checks the files in parallel; readable paths keep their order, the others come back as skipped.</summary>
    public static (IReadOnlyList<string> Readable, IReadOnlyList<SkippedFile> Skipped) Split(IEnumerable<string> paths)
    {
        var checkedFiles = paths.AsParallel().AsOrdered().Select(path => (Path: path, Problem: Problem(path))).ToList();
        var readable = checkedFiles.Where(f => f.Problem is null).Select(f => f.Path).ToList();
        var skipped = checkedFiles.Where(f => f.Problem is not null).Select(f => new SkippedFile(f.Path, f.Problem!)).ToList();
        return (readable, skipped);
    }

    /// <summary>The files directly inside a folder (not its subfolders), in ordinal order.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToList();
}

using Dashboard.Training.Data;

namespace Dashboard.Datasets.Uploads;

/// <summary>
/// The structure an uploaded dataset must have: the class-folder layout the trainer reads (<c>train/&lt;class&gt;/*</c>,
/// <c>valid/&lt;class&gt;/*</c>, optionally <c>test/</c>), or one <c>.csv</c> of <c>file,label</c> rows with the images
/// it names relative to it (fastai's <c>from_csv</c>), at the top of the archive or inside its one top folder.
/// It is opened with the trainer's own loader, so what passes here trains.
/// </summary>
public static class UploadedLayout
{
    /// <summary>The dataset folder inside <paramref name="staging"/>; throws <see cref="UploadRefused"/> listing every problem.</summary>
    public static string Check(string staging, IReadOnlyList<RejectedEntry> rejected)
    {
        if (rejected.Count > 0) throw UploadRefused.BadArchive(rejected);
        var root = DatasetRoot(staging) ?? throw UploadRefused.BadArchive([new(RejectedEntry.Archive,
            "expected train/<class>/… and valid/<class>/… folders of images, or one .csv of file,label rows beside its images, at the top or inside one top folder")]);
        DataBunch bunch;
        try { bunch = DatasetLocator.Open(root); }
        catch (DatasetException e) { throw UploadRefused.BadArchive([new(EntryName(staging, e.Path), e.Problem)]); }
        if (bunch.Skipped.Count > 0) throw UploadRefused.BadArchive(bunch.Skipped.Select(s => new RejectedEntry(EntryName(staging, s.Path), s.Reason)).ToArray());
        return root;
    }

    private static string? DatasetRoot(string staging)
    {
        if (IsDataset(staging)) return staging;
        var folders = Directory.GetDirectories(staging);
        return folders.Length == 1 && Directory.GetFiles(staging).Length == 0 && IsDataset(folders[0]) ? folders[0] : null;
    }

    private static bool IsDataset(string folder) => FolderDataset.Recognises(folder) || CsvDataset.LabelsIn(folder) is not null;

    private static string EntryName(string staging, string path) => Path.GetRelativePath(staging, path).Replace('\\', '/');
}

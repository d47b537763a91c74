using Dashboard.Training.Data;

namespace Dashboard.Datasets.Uploads;

/// <summary>
/// The structure an uploaded dataset must have: the class-folder layout the trainer reads (<c>train/&lt;class&gt;/*</c>,
/// <c>valid/&lt;class&gt;/*</c>, optionally <c>test/</c>), at the top of the archive or inside its one top folder.
/// It is opened with the trainer's own loader, so what passes here trains.
/// </summary>
public static class UploadedLayout
{
    /// <summary>The dataset folder inside <paramref name="staging"/>; throws <see cref="UploadRefused"/> listing every problem.</summary>
    public static string Check(string staging, IReadOnlyList<RejectedEntry> rejected)
    {
        if (rejected.Count > 0) throw UploadRefused.BadArchive(rejected);
        var root = DatasetRoot(staging) ?? throw UploadRefused.BadArchive([new(RejectedEntry.Archive,
            "expected train/<class>/… and valid/<class>/… folders of images, at the top or inside one top folder")]);
        DataBunch bunch;
        try { bunch = FolderDataset.Load(root); }
        catch (DatasetException e) { throw UploadRefused.BadArchive([new(EntryName(staging, e.Path), e.Problem)]); }
        if (bunch.Skipped.Count > 0) throw UploadRefused.BadArchive(bunch.Skipped.Select(s => new RejectedEntry(EntryName(staging, s.Path), s.Reason)).ToArray());
        return root;
    }

    private static string? DatasetRoot(string staging)
    {
        if (FolderDataset.Recognises(staging)) return staging;
        var folders = Directory.GetDirectories(staging);
        return folders.Length == 1 && Directory.GetFiles(staging).Length == 0 && FolderDataset.Recognises(folders[0]) ? folders[0] : null;
    }

    private static string EntryName(string staging, string path) => Path.GetRelativePath(staging, path).Replace('\\', '/');
}

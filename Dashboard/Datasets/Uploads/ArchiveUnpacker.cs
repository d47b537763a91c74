using System.IO.Compression;
using Dashboard.Training.Data;

namespace Dashboard.Datasets.Uploads;

/// <summary>
/// Unpacks a zip into a staging folder entry by entry, counting the bytes actually decompressed (the sizes in the
/// headers are not trusted) and stopping at <see cref="DatasetUploadOptions.MaxUncompressedBytes"/>. Every file must be
/// an image by its header (SkiaSharp sniffing, not the extension), or a <c>.csv</c> labels file of text. Hidden entries
/// and macOS's <c>__MACOSX/</c> are skipped.
/// </summary>
public sealed class ArchiveUnpacker(DatasetUploadOptions limits, string stagingFolder)
{
    private const int BufferSize = 81920;
    private const string CannotUnpack = "cannot be unpacked (a file and a folder of the same name?): ";
    private readonly List<RejectedEntry> rejected = [];
    private long unpackedBytes;

    /// <summary>Every entry refused (empty when all passed).</summary>
    public IReadOnlyList<RejectedEntry> Unpack(ZipArchive archive, IProgress<double>? progress = null)
    {
        if (archive.Entries.Count > limits.MaxFiles)
            return [new(RejectedEntry.Archive, $"{archive.Entries.Count} entries, more than {limits.MaxFiles} (Dashboard:Datasets:MaxFiles)")];
        for (var i = 0; i < archive.Entries.Count; i++)
        {
            if (!UnpackEntry(archive.Entries[i])) break;
            progress?.Report((i + 1.0) / archive.Entries.Count);
        }
        return rejected;
    }

    /// <summary>False when unpacking must stop (the uncompressed limit was reached).</summary>
    private bool UnpackEntry(ZipArchiveEntry entry)
    {
        if (IsIgnored(entry.FullName)) return true;
        if (ArchiveEntryRules.Problem(entry) is { } problem) return Reject(entry, problem);
        var target = Path.Combine(stagingFolder, entry.FullName);
        if (ArchiveEntryRules.IsFolder(entry)) return CreateFolder(entry, target);
        bool withinLimit;
        try { withinLimit = CopyWithinLimit(entry, target); }
        catch (InvalidDataException e) { return Reject(entry, "cannot be decompressed: " + e.Message); }
        catch (IOException e) { return Reject(entry, CannotUnpack + e.Message); }
        if (!withinLimit)
        {
            Reject(entry, $"the archive unpacks to more than {limits.MaxUncompressedMB} MB (Dashboard:Datasets:MaxUncompressedMB); unpacking stopped here");
            return false;
        }
        if (FileProblem(target) is { } notReadable) Reject(entry, notReadable);
        return true;
    }

    private string? FileProblem(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return File.ReadAllBytes(path).Contains((byte)0) ? "a .csv must be text (file,label rows)" : null;
        return ImageFileCheck.Problem(path, limits.MaxPixels)?.Replace("LoaderOptions.MaxPixels", "Dashboard:Datasets:MaxPixels", StringComparison.Ordinal);
    }

    private bool CopyWithinLimit(ZipArchiveEntry entry, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var source = entry.Open();
        using var file = File.Create(target);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            unpackedBytes += read;
            if (unpackedBytes > limits.MaxUncompressedBytes) return false;
            file.Write(buffer, 0, read);
        }
        return true;
    }

    private bool CreateFolder(ZipArchiveEntry entry, string target)
    {
        try { Directory.CreateDirectory(target); }
        catch (IOException e) { return Reject(entry, CannotUnpack + e.Message); }
        return true;
    }

    private bool Reject(ZipArchiveEntry entry, string reason)
    {
        rejected.Add(new RejectedEntry(entry.FullName, reason));
        return true;
    }

    private static bool IsIgnored(string name) =>
        name.Split('/').Any(part => part.StartsWith('.') && part is not ("." or "..") || part == "__MACOSX");
}

using System.IO.Compression;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Runs;
using Dashboard.Training.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Datasets.Uploads;

/// <summary>
/// Datasets uploaded as a .zip of class folders: unpacked into a staging folder inside the upload root, checked, and
/// moved into place (one rename) only when every entry passed; a refused archive leaves nothing behind. The uploader
/// is kept in a sidecar file (<see cref="OwnerFile"/>) inside the dataset, so it moves and goes with it.
/// </summary>
public sealed partial class DatasetUploads(DashboardPaths paths, DatasetCatalog catalog, IOptions<DatasetUploadOptions> options, IOptions<AuthOptions> auth)
{
    public const string OwnerFile = ".owner";
    private const string StagingPrefix = ".staging-";

    public DatasetUploadOptions Limits => options.Value;

    /// <summary>Checks and unpacks the archive (a seekable stream) as <paramref name="name"/>; throws <see cref="UploadRefused"/>.</summary>
    public DatasetEntry Add(string? name, Stream archive, string owner, IProgress<double>? progress = null)
    {
        var target = Path.Combine(paths.UploadRoot, RequireFreeName(name));
        var staging = Directory.CreateDirectory(Path.Combine(paths.UploadRoot, StagingPrefix + Guid.NewGuid().ToString("N")));
        try
        {
            var dataset = UploadedLayout.Check(staging.FullName, Unpack(archive, staging.FullName, progress));
            File.WriteAllText(Path.Combine(dataset, OwnerFile), owner);
            try { Directory.Move(dataset, target); }
            catch (IOException) when (Directory.Exists(target)) { throw UploadRefused.NameTaken(name!); }
            catalog.Forget(target);
            return catalog.Find(target)!;
        }
        finally { DeleteIfThere(staging.FullName); }
    }

    /// <summary>Deletes an uploaded dataset if <paramref name="user"/> owns it or is an admin; built-in datasets are never found here.</summary>
    public DatasetDeletion Delete(string name, ClaimsPrincipal user)
    {
        var folder = Path.Combine(paths.UploadRoot, name);
        var ownerFile = Path.Combine(folder, OwnerFile);
        if (!ValidName().IsMatch(name) || !File.Exists(ownerFile)) return DatasetDeletion.NotFound;
        if (!UserPrincipal.MayControl(user, File.ReadAllText(ownerFile), auth.Value.Enabled)) return DatasetDeletion.Forbidden;
        var doomed = Path.Combine(paths.UploadRoot, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.Move(folder, doomed); // gone from the catalog at once, even if deleting the files takes a while
        catalog.Forget(folder);
        DeleteIfThere(doomed);
        return DatasetDeletion.Deleted;
    }

    private string RequireFreeName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !ValidName().IsMatch(name))
            throw UploadRefused.BadName($"'{name}' is not a dataset name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        if (string.Equals(name, DemoDataset.Name, StringComparison.OrdinalIgnoreCase) || Directory.Exists(Path.Combine(paths.UploadRoot, name))
            || catalog.List().Any(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw UploadRefused.NameTaken(name);
        return name;
    }

    private IReadOnlyList<RejectedEntry> Unpack(Stream archive, string staging, IProgress<double>? progress)
    {
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            return new ArchiveUnpacker(Limits, staging).Unpack(zip, progress);
        }
        catch (InvalidDataException e) { return [new(RejectedEntry.Archive, "not a readable zip archive: " + e.Message)]; }
    }

    private static void DeleteIfThere(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();
}

public enum DatasetDeletion { Deleted, NotFound, Forbidden }

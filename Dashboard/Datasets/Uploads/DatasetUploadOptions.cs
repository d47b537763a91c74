using System.ComponentModel.DataAnnotations;
using Dashboard.Training.Data;

namespace Dashboard.Datasets.Uploads;

/// <summary>Limits on a dataset uploaded as a .zip; bound to "Dashboard:Datasets".</summary>
public sealed class DatasetUploadOptions
{
    public const string SectionName = "Dashboard:Datasets";
    private const long BytesPerMegabyte = 1024 * 1024;

    /// <summary>The largest archive accepted, in MiB.</summary>
    [Range(1, 1_048_576)]
    public int MaxArchiveMB { get; set; } = 512;

    /// <summary>The most bytes all entries may unpack to together, in MiB; unpacking stops there (never trusting the headers).</summary>
    [Range(1, 1_048_576)]
    public int MaxUncompressedMB { get; set; } = 2048;

    /// <summary>Entries (files and folders) one archive may hold.</summary>
    [Range(1, 10_000_000)]
    public int MaxFiles { get; set; } = 100_000;

    /// <summary>Width × height an image's header may announce.</summary>
    [Range(1, LoaderOptions.DefaultMaxPixels)]
    public long MaxPixels { get; set; } = LoaderOptions.DefaultMaxPixels;

    public long MaxArchiveBytes => MaxArchiveMB * BytesPerMegabyte;
    public long MaxUncompressedBytes => MaxUncompressedMB * BytesPerMegabyte;
}

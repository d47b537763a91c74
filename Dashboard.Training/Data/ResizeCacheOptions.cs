namespace Dashboard.Training.Data;

/// <summary>Where and when <see cref="ResizeCache"/> keeps shrunk copies of large images.</summary>
public sealed class ResizeCacheOptions
{
    public const int DefaultQuality = 95;
    public const double DefaultMinShrink = 2;
    public const long DefaultMaxMegabytes = 20_000;

    /// <summary>The cache's folder (created when first written); it may be deleted at any time, copies are made again.</summary>
    public required string Folder { get; init; }

    /// <summary>
    /// A JPEG is copied only when its shorter side is at least this many times the side training needs: smaller files
    /// decode about as fast as their copy would (a 500×375 photo at 224 px is read directly).
    /// </summary>
    public double MinShrink { get; init; } = DefaultMinShrink;

    /// <summary>JPEG quality of the copies (4:4:4, no chroma subsampling): at 95 a copy differs from the decoded image by about 1/255 per pixel.</summary>
    public int Quality { get; init; } = DefaultQuality;

    /// <summary>Copies stop being written once the folder holds this much; images are then decoded from their files as without a cache.</summary>
    public long MaxMegabytes { get; init; } = DefaultMaxMegabytes;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Folder, nameof(Folder));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinShrink, 1, nameof(MinShrink));
        ArgumentOutOfRangeException.ThrowIfLessThan(Quality, 1, nameof(Quality));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Quality, 100, nameof(Quality));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMegabytes, 0, nameof(MaxMegabytes));
    }
}

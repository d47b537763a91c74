using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data;

/// <summary>Where an item's pixels come from: a file on disk, or pixels already in memory.</summary>
public abstract record ImageSource
{
    /// <summary>A short name for logs and the dashboard: a path, or e.g. <c>train-images-idx3-ubyte.gz[12]</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Decodes the image as 3-channel RGB (grayscale is repeated into R, G and B). The caller disposes it.
    /// <paramref name="configuration"/> lets loaders decode single-threaded; null means ImageSharp's default.
    /// </summary>
    public abstract Image<Rgb24> Load(Configuration? configuration = null);
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data;

/// <summary>An image file in any format ImageSharp reads (PNG, JPEG, BMP, GIF, WebP, TIFF…).</summary>
public sealed record FileImageSource(string Path) : ImageSource
{
    public override string Name => Path;

    public override Image<Rgb24> Load(Configuration? configuration = null)
    {
        var options = new DecoderOptions { Configuration = configuration ?? Configuration.Default };
        return Image.Load<Rgb24>(options, Path);
    }
}

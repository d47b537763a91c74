using SkiaSharp;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// The two ways an image becomes a <c>size</c>×<c>size</c> training input, each one affine draw into a new bitmap
/// (the source is left as it is). Both keep RGB and leave normalisation to the backbone.
/// </summary>
public static class ImageTransforms
{
    /// <summary>Near 1:1 (the decoder already shrank a large JPEG): bilinear, as torchvision's rotations.</summary>
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>Shrinking by more than 2× (a large PNG, or a JPEG at a fixed scale step): bilinear between mipmap levels.</summary>
    private static readonly SKSamplingOptions Shrinking = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    private const double MipmapBelowScale = 0.5;

    /// <summary>The shorter side the source needs so that the largest zoom's crop still has output-size detail.</summary>
    public static int SourceShorterSide(int size, AugmentationOptions options) =>
        (int)Math.Ceiling(size * (options.IsEnabled ? options.MaxZoom : 1));

    /// <summary>The training transform for one draw from <paramref name="random"/> (lighting included), or the validation transform when augmentation is off.</summary>
    public static SKBitmap Apply(SKBitmap source, AugmentationOptions options, int size, Random random)
    {
        var parameters = AugmentationParameters.Draw(options, random);
        var image = Geometry(source, size, parameters);
        if (parameters.ChangesLighting) Lighting.Apply(image, parameters.Brightness, parameters.Contrast);
        return image;
    }

    /// <summary>No augmentation: the shorter side scaled to <paramref name="size"/>, the centre square kept.</summary>
    public static SKBitmap Validation(SKBitmap source, int size) => Geometry(source, size, AugmentationParameters.Identity);

    /// <summary>Crop, zoom, rotation, flips and quarter turns as one affine draw to <paramref name="size"/>²; outside the source is black.</summary>
    public static SKBitmap Geometry(SKBitmap source, int size, AugmentationParameters parameters)
    {
        var output = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(output);
        canvas.Clear(SKColors.Black);
        canvas.SetMatrix(AugmentationMatrix.ForSkia(source.Width, source.Height, size, parameters));
        using var pixels = source.PeekPixels();
        using var image = SKImage.FromPixels(pixels);
        var scale = AugmentationMatrix.Scale(source.Width, source.Height, size, parameters);
        canvas.DrawImage(image, 0, 0, scale < MipmapBelowScale ? Shrinking : Bilinear);
        return output;
    }
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// The two ways an image becomes a <c>size</c>×<c>size</c> training input. Both keep RGB and leave normalisation
/// to the backbone. <see cref="Apply"/> changes the image in place; clone first to keep the original.
/// </summary>
public static class ImageTransforms
{
    /// <summary>For resizing: separable, so a wide kernel for downscaling stays cheap.</summary>
    private static readonly IResampler Sampler = KnownResamplers.Bicubic;

    /// <summary>For the affine pass, which runs near 1:1 scale (or upscales small images): bilinear, as torchvision's rotations.</summary>
    private static readonly IResampler AffineSampler = KnownResamplers.Triangle;

    /// <summary>The training transform for one draw from <paramref name="random"/>, or the validation transform when augmentation is off.</summary>
    public static void Apply(Image<Rgb24> image, AugmentationOptions options, int size, Random random)
    {
        if (!options.IsEnabled)
        {
            image.Mutate(Validation(size));
            return;
        }
        Apply(image, size, AugmentationParameters.Draw(options, random));
    }

    /// <summary>One affine pass for crop, zoom, rotation, flips and turns (after shrinking a large source), then lighting.</summary>
    public static void Apply(Image<Rgb24> image, int size, AugmentationParameters parameters)
    {
        image.Mutate(Geometry(size, parameters));
        if (parameters.ChangesLighting) Lighting.Apply(image, parameters.Brightness, parameters.Contrast);
    }

    /// <summary>No augmentation: resize so the shorter side is <paramref name="size"/>, then crop the centre square.</summary>
    public static Action<IImageProcessingContext> Validation(int size) => context => context.Resize(new ResizeOptions
    {
        Size = new Size(size, size), Mode = ResizeMode.Crop, Position = AnchorPositionMode.Center, Sampler = Sampler,
    });

    /// <summary>Crop, zoom, rotation, flips and quarter turns as one affine resampling to <paramref name="size"/>².</summary>
    public static Action<IImageProcessingContext> Geometry(int size, AugmentationParameters parameters) => context =>
    {
        ShrinkLargeSource(context, (int)Math.Ceiling(size * parameters.Zoom));
        var source = context.GetCurrentSize();
        var matrix = AugmentationMatrix.Build(source, size, parameters);
        context.Transform(new Rectangle(Point.Empty, source), matrix, new Size(size, size), AffineSampler);
    };

    /// <summary>
    /// Downscaling inside the affine pass would need a wide, non-separable kernel (slow); a separable resize first
    /// brings the shorter side to <paramref name="shorterSide"/>, so the crop window lands at about output size.
    /// </summary>
    private static void ShrinkLargeSource(IImageProcessingContext context, int shorterSide)
    {
        var current = context.GetCurrentSize();
        var scale = (double)shorterSide / Math.Min(current.Width, current.Height);
        if (scale >= 1) return;
        var width = Math.Max(shorterSide, (int)Math.Round(current.Width * scale));
        var height = Math.Max(shorterSide, (int)Math.Round(current.Height * scale));
        context.Resize(width, height, Sampler);
    }
}

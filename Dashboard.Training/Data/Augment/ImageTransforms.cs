using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// The two ways an image becomes a <c>size</c>×<c>size</c> training input, as ImageSharp operations to pass to
/// <c>Mutate</c> or <c>Clone</c>. Both keep RGB; neither normalises (the backbone does).
/// </summary>
public static class ImageTransforms
{
    private static readonly IResampler Sampler = KnownResamplers.Bicubic;

    /// <summary>No augmentation: resize so the shorter side is <paramref name="size"/>, then crop the centre square.</summary>
    public static Action<IImageProcessingContext> Validation(int size) => context => context.Resize(new ResizeOptions
    {
        Size = new Size(size, size), Mode = ResizeMode.Crop, Position = AnchorPositionMode.Center, Sampler = Sampler,
    });

    /// <summary>One resampling pass for crop, zoom, rotation, flips and turns, then one colour-matrix pass for lighting.</summary>
    public static Action<IImageProcessingContext> Augmented(int size, AugmentationParameters parameters) => context =>
    {
        var source = context.GetCurrentSize();
        var matrix = AugmentationMatrix.Build(source, size, parameters);
        context.Transform(new Rectangle(Point.Empty, source), matrix, new Size(size, size), Sampler);
        if (parameters.ChangesLighting) context.Filter(Lighting(parameters));
    };

    /// <summary>The training transform for one draw, or the validation transform when augmentation is off.</summary>
    public static Action<IImageProcessingContext> For(AugmentationOptions options, int size, Random random) =>
        options.IsEnabled ? Augmented(size, AugmentationParameters.Draw(options, random)) : Validation(size);

    private static ColorMatrix Lighting(AugmentationParameters parameters) =>
        KnownFilterMatrices.CreateBrightnessFilter((float)parameters.Brightness)
        * KnownFilterMatrices.CreateContrastFilter((float)parameters.Contrast);
}

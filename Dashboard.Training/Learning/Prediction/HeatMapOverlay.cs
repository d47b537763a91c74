using Dashboard.Training.Data;
using SkiaSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Prediction;

/// <summary>A heat map drawn over the image the model saw (jet colours, half transparent), as PNG bytes.</summary>
public static class HeatMapOverlay
{
    private const float Opacity = 0.5f;
    private const int ByteMax = 255;

    /// <summary><paramref name="image"/>: (1, 3, size, size) RGB in [0, 1], as given to <see cref="GradCam.Compute"/>; the PNG is <paramref name="outputSize"/> square.</summary>
    public static byte[] Png(Tensor image, HeatMap heat, int outputSize)
    {
        var rgb = image[0].permute(1, 2, 0).contiguous().cpu().data<float>().ToArray();
        using var bitmap = new SKBitmap(new SKImageInfo(heat.Size, heat.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < heat.Values.Length; i++)
        {
            var (r, g, b) = Jet(heat.Values[i]);
            pixels[4 * i] = Blend(rgb[3 * i], r);
            pixels[4 * i + 1] = Blend(rgb[3 * i + 1], g);
            pixels[4 * i + 2] = Blend(rgb[3 * i + 2], b);
            pixels[4 * i + 3] = ByteMax;
        }
        if (outputSize == heat.Size) return PngEncoding.Encode(bitmap);
        using var resized = bitmap.Resize(new SKImageInfo(outputSize, outputSize, SKColorType.Rgba8888, SKAlphaType.Opaque), PngEncoding.Downscale);
        return PngEncoding.Encode(resized);
    }

    private static byte Blend(float image, float heat) => (byte)Math.Round(Math.Clamp((1 - Opacity) * image + Opacity * heat, 0, 1) * ByteMax);

    /// <summary>Matplotlib's classic "jet": blue (0) through cyan, yellow, to red (1).</summary>
    public static (float R, float G, float B) Jet(float value)
    {
        float v = Math.Clamp(value, 0, 1);
        static float Ramp(float x) => Math.Clamp(1.5f - Math.Abs(x), 0, 1);
        return (Ramp(4 * v - 3), Ramp(4 * v - 2), Ramp(4 * v - 1));
    }
}

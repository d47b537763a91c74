using System.Numerics;
using SkiaSharp;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// Builds the one affine matrix (source pixels → output pixels) that crops, zooms, rotates, flips, turns and
/// scales in a single resampling pass. Pixel centres sit at integer coordinates, so the crop's edges land on the
/// output's edges and flips mirror pixels exactly.
/// </summary>
public static class AugmentationMatrix
{
    /// <summary>Output pixels per source pixel: below 1 the draw shrinks.</summary>
    public static double Scale(int width, int height, int size, AugmentationParameters p) => size / (Math.Min(width, height) / p.Zoom);

    /// <summary>The matrix for Skia, whose pixel centres sit at half-integer coordinates (pixel i covers [i, i + 1]).</summary>
    public static SKMatrix ForSkia(int width, int height, int size, AugmentationParameters p)
    {
        var m = Matrix3x2.CreateTranslation(-0.5f, -0.5f) * Build(width, height, size, p) * Matrix3x2.CreateTranslation(0.5f, 0.5f);
        return new SKMatrix(m.M11, m.M21, m.M31, m.M12, m.M22, m.M32, 0, 0, 1);
    }

    /// <summary>Source pixel centres → output pixel centres, both at integer coordinates.</summary>
    public static Matrix3x2 Build(int width, int height, int size, AugmentationParameters p)
    {
        var window = Math.Min(width, height) / p.Zoom;
        var centreX = p.CropX * (width - window) + window / 2 - 0.5;
        var centreY = p.CropY * (height - window) + window / 2 - 0.5;
        var outputCentre = (size - 1) / 2f;
        return Matrix3x2.CreateTranslation((float)-centreX, (float)-centreY)
            * Matrix3x2.CreateScale((float)(size / window))
            * Matrix3x2.CreateRotation((float)(p.RotationDegrees * Math.PI / 180))
            * Matrix3x2.CreateScale(p.FlipHorizontal ? -1 : 1, p.FlipVertical ? -1 : 1)
            * QuarterTurns(p.QuarterTurns)
            * Matrix3x2.CreateTranslation(outputCentre, outputCentre);
    }

    /// <summary>An exact rotation by <paramref name="turns"/> × 90° (no floating-point residue from cos π/2).</summary>
    private static Matrix3x2 QuarterTurns(int turns)
    {
        int[] cosines = [1, 0, -1, 0], sines = [0, 1, 0, -1];
        var (cos, sin) = (cosines[turns & 3], sines[turns & 3]);
        return new Matrix3x2(cos, sin, -sin, cos, 0, 0);
    }
}

using System.Numerics;
using SixLabors.ImageSharp;

namespace Dashboard.Training.Data.Augment;

/// <summary>
/// Builds the one affine matrix (source pixels → output pixels) that crops, zooms, rotates, flips, turns and
/// scales in a single resampling pass. Pixel centres sit at integer coordinates, so the crop's edges land on the
/// output's edges and flips mirror pixels exactly.
/// </summary>
public static class AugmentationMatrix
{
    public static Matrix3x2 Build(Size source, int size, AugmentationParameters p)
    {
        var window = Math.Min(source.Width, source.Height) / p.Zoom;
        var centreX = p.CropX * (source.Width - window) + window / 2 - 0.5;
        var centreY = p.CropY * (source.Height - window) + window / 2 - 0.5;
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

using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>Applies an EXIF orientation: the stored pixels moved (exactly, no resampling) so the image is upright.</summary>
public static class Orientation
{
    /// <summary>The upright bitmap: <paramref name="stored"/> itself when already upright, otherwise a new one (stored is disposed).</summary>
    public static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return stored;
        using (stored)
        {
            var (w, h) = (stored.Width, stored.Height);
            var turned = origin >= SKEncodedOrigin.LeftTop;
            var upright = new SKBitmap(new SKImageInfo(turned ? h : w, turned ? w : h, stored.ColorType, stored.AlphaType));
            using var canvas = new SKCanvas(upright);
            canvas.SetMatrix(Matrix(origin, w, h));
            canvas.DrawBitmap(stored, 0, 0);
            return upright;
        }
    }

    /// <summary>Stored pixel coordinates → upright ones, for a stored image of <paramref name="w"/>×<paramref name="h"/>.</summary>
    public static SKMatrix Matrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),     // mirrored left-right
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1), // half turn
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),   // mirrored top-bottom
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),       // transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),     // a quarter turn clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1), // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),   // a quarter turn anticlockwise
        _ => SKMatrix.Identity,
    };
}

using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>
/// Decodes image files with SkiaSharp (libjpeg-turbo, libpng, libwebp, Skia's GIF reader) into upright, opaque RGBA
/// bitmaps. The header is read first: images over the pixel limit are refused before any pixel memory is allocated,
/// and corrupt or truncated files raise <see cref="ImageDecodeException"/> (never a native crash). Transparent
/// pixels are composited on black (the decoder's premultiplied colours). One codec per call: nothing is shared.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// libjpeg-turbo's scaled decodes (its IDCT scales by M/8), smallest first. The in-between scales matter most: a
    /// 500×375 photo trained at 224 px needs 246 px (224 × zoom 1.1) and decodes at 6/8 (281 px) instead of full size.
    /// </summary>
    private static readonly float[] JpegScales = [1 / 8f, 2 / 8f, 3 / 8f, 4 / 8f, 5 / 8f, 6 / 8f, 7 / 8f];

    /// <summary>
    /// The file as RGBA. A JPEG decodes at the smallest libjpeg-turbo scale that keeps at least
    /// <paramref name="minShorterSide"/> pixels on its shorter side (0 = full size).
    /// </summary>
    public static SKBitmap Decode(string path, int minShorterSide, long maxPixels) => Decode(path, minShorterSide, maxPixels, out _);

    /// <summary>As <see cref="Decode(string, int, long)"/>; <paramref name="encoded"/> is the file's format and own size (stored orientation).</summary>
    public static SKBitmap Decode(string path, int minShorterSide, long maxPixels, out EncodedImage encoded)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new ImageDecodeException(path, CreateProblem(result));
        return Decode(path, codec, minShorterSide, maxPixels, out encoded);
    }

    /// <summary>Encoded bytes in memory (a file's copy), decoded at full size; <paramref name="name"/> names them in errors.</summary>
    public static SKBitmap Decode(string name, SKData encoded, long maxPixels)
    {
        using var codec = SKCodec.Create(encoded) ?? throw new ImageDecodeException(name, "not a readable image");
        return Decode(name, codec, 0, maxPixels, out _);
    }

    private static SKBitmap Decode(string path, SKCodec codec, int minShorterSide, long maxPixels, out EncodedImage encoded)
    {
        CheckSize(path, codec.Info, maxPixels);
        encoded = new EncodedImage(codec.EncodedFormat, codec.Info.Size);
        var size = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? ScaledSize(codec, minShorterSide) : codec.Info.Size;
        var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        try
        {
            var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
            if (result != SKCodecResult.Success) throw new ImageDecodeException(path, DecodeProblem(result));
            if (codec.Info.AlphaType != SKAlphaType.Opaque) MakeOpaque(bitmap);
            return Orientation.Upright(bitmap, codec.EncodedOrigin);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>Header only: null when the file looks like a readable image within the limit, otherwise why not.</summary>
    public static string? HeaderProblem(string path, long maxPixels)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null) return CreateProblem(result);
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0) return "image has no pixels";
        return IsTooLarge(codec.Info, maxPixels) ? TooLarge(codec.Info, maxPixels) : null;
    }

    /// <summary>A bitmap of <paramref name="gray"/> values repeated into R, G and B.</summary>
    public static SKBitmap FromGray(ReadOnlySpan<byte> gray, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < gray.Length; i++)
        {
            var value = gray[i];
            (pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2], pixels[4 * i + 3]) = (value, value, value, byte.MaxValue);
        }
        return bitmap;
    }

    private static void CheckSize(string path, SKImageInfo info, long maxPixels)
    {
        if (info.Width <= 0 || info.Height <= 0) throw new ImageDecodeException(path, "image has no pixels");
        if (IsTooLarge(info, maxPixels)) throw new ImageDecodeException(path, TooLarge(info, maxPixels));
    }

    private static bool IsTooLarge(SKImageInfo info, long maxPixels) => (long)info.Width * info.Height > maxPixels;

    private static string TooLarge(SKImageInfo info, long maxPixels) =>
        $"image too large: {info.Width}×{info.Height} = {(long)info.Width * info.Height:N0} pixels, over the limit of {maxPixels:N0} (LoaderOptions.MaxPixels)";

    private static SKSizeI ScaledSize(SKCodec codec, int minShorterSide)
    {
        if (minShorterSide <= 0) return codec.Info.Size;
        foreach (var scale in JpegScales)
        {
            var size = codec.GetScaledDimensions(scale);
            if (Math.Min(size.Width, size.Height) >= minShorterSide) return size;
        }
        return codec.Info.Size;
    }

    /// <summary>Premultiplied colours are the image composited on black; full alpha makes that final.</summary>
    private static void MakeOpaque(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = byte.MaxValue;
    }

    private static string CreateProblem(SKCodecResult result) => result switch
    {
        SKCodecResult.Unimplemented => "not an image (unknown format)",
        SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => "corrupt image: cannot read its header",
        _ => "not a readable image: " + result,
    };

    private static string DecodeProblem(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated image: its pixel data ends early",
        SKCodecResult.ErrorInInput => "corrupt image: its pixel data is invalid",
        _ => "cannot be decoded: " + result,
    };
}

/// <summary>What a file holds, from its header: the format and the stored size (before orientation).</summary>
public readonly record struct EncodedImage(SKEncodedImageFormat Format, SKSizeI Size);

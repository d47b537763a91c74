using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Dashboard.Training.Data;

/// <summary>
/// fastai 0.7's <c>ImageClassifierData.resize</c>, done as images are first read: a JPEG much larger than training needs
/// (a 4000×3000 camera photo trained at 224 px) is decoded once at libjpeg-turbo's scale (500×375 here) and that bitmap
/// is kept as a small JPEG. Every later read (the next epochs, TTA, later runs at that size) decodes the copy at full
/// size: the bitmap the file would give, but for quality-95 rounding, at a fraction of the cost (a scaled decode of
/// the original still entropy-decodes all of its megabytes). Other formats are read from their files: they have no
/// scaled decode, and a copy shrunk here would resample every image twice.
/// <para>
/// A copy is named by the file's full path, length and modification time and by the side, so an edited file gets a new
/// one. The first read returns the copy's pixels as well, so every epoch of a run sees the same image. Thread-safe, and
/// several processes may share the folder (a copy is written under a temporary name and renamed). A copy that cannot be
/// written (a full disk, no permission) or would pass <see cref="ResizeCacheOptions.MaxMegabytes"/> changes nothing for
/// training: the image is decoded from its file as without a cache, no more copies are written, and
/// <see cref="Problem"/> says why. A damaged copy is deleted and made again. <see cref="Usage"/> and <see cref="Clear"/>
/// are the Datasets page's view of the folder.
/// </para>
/// </summary>
public sealed class ResizeCache
{
    private const string FormatVersion = "1";
    private const long BytesPerMegabyte = 1_000_000;
    private readonly ResizeCacheOptions options;
    private readonly Lock sizeLock = new();
    private readonly ConcurrentDictionary<string, byte> storing = new();
    private long? folderBytes;
    private int hits, stored;
    private volatile string? problem;

    public ResizeCache(ResizeCacheOptions options)
    {
        options.Validate();
        this.options = options;
    }

    public string Folder => options.Folder;

    /// <summary>Reads served from a copy (this process).</summary>
    public int Hits => hits;

    /// <summary>Copies this process wrote (each once, however many threads prepared the same image).</summary>
    public int Stored => stored;

    /// <summary>Null, or why copies are no longer written.</summary>
    public string? Problem => problem;

    /// <summary>
    /// The image upright as opaque RGBA with at least <paramref name="minShorterSide"/> pixels on its shorter side, as
    /// <see cref="ImageSource.Load"/>: from its copy when the file is large enough to have one.
    /// </summary>
    public SKBitmap Load(ImageSource source, int minShorterSide, long maxPixels)
    {
        if (source is not FileImageSource file || minShorterSide <= 0) return source.Load(minShorterSide, maxPixels);
        var copy = CopyPath(new FileInfo(file.Path), minShorterSide);
        if (TryLoadCopy(copy, maxPixels) is { } cached) return cached;
        var decoded = ImageDecoder.Decode(file.Path, minShorterSide, maxPixels, out var encoded);
        if (encoded.Format != SKEncodedImageFormat.Jpeg || Math.Min(encoded.Size.Width, encoded.Size.Height) < options.MinShrink * minShorterSide)
            return decoded;
        using (decoded) return MakeCopy(file.Path, copy, decoded, maxPixels);
    }

    /// <summary>What the folder holds now: its copies and their bytes (every process's, measured on disk).</summary>
    public ResizeCacheUsage Usage()
    {
        var copies = Copies().ToList();
        return new ResizeCacheUsage(copies.Count, copies.Sum(copy => copy.Length), options.MaxMegabytes * BytesPerMegabyte);
    }

    /// <summary>
    /// Deletes every copy (not the temporary file of a copy being written) and forgets why copies had stopped: the next
    /// reads make them again. A run reading a copy as it goes decodes its file instead. Returns what was deleted.
    /// </summary>
    public ResizeCacheUsage Clear()
    {
        lock (sizeLock)
        {
            var (count, bytes) = (0, 0L);
            foreach (var copy in Copies())
            {
                var length = copy.Length;
                if (!TryDelete(copy.FullName)) continue;
                (count, bytes) = (count + 1, bytes + length);
            }
            folderBytes = null; // measured again at the next write
            problem = null;
            return new ResizeCacheUsage(count, bytes, options.MaxMegabytes * BytesPerMegabyte);
        }
    }

    private IEnumerable<FileInfo> Copies() => Directory.Exists(options.Folder)
        ? new DirectoryInfo(options.Folder).EnumerateFiles("*.jpg", SearchOption.AllDirectories)
        : [];

    private SKBitmap? TryLoadCopy(string copy, long maxPixels)
    {
        if (!File.Exists(copy)) return null;
        try
        {
            var bitmap = ImageDecoder.Decode(copy, 0, maxPixels);
            Interlocked.Increment(ref hits);
            return bitmap;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            TryDelete(copy);
            return null;
        }
    }

    private SKBitmap MakeCopy(string path, string copy, SKBitmap decoded, long maxPixels)
    {
        using var pixels = decoded.PeekPixels();
        using var jpeg = pixels.Encode(new SKJpegEncoderOptions(options.Quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new ImageDecodeException(path, $"its {decoded.Width}×{decoded.Height} copy could not be encoded");
        TryWrite(copy, jpeg);
        return ImageDecoder.Decode(path, jpeg, maxPixels);
    }

    /// <summary>
    /// Stores <paramref name="jpeg"/> as <paramref name="copy"/> unless another thread of this process is storing it or
    /// has stored it since this one looked (two threads may prepare the same item: see <see cref="BatchWork"/>).
    /// </summary>
    private void TryWrite(string copy, SKData jpeg)
    {
        if (problem is not null || !storing.TryAdd(copy, 0)) return;
        var temporary = $"{copy}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (File.Exists(copy) || !Reserve(jpeg.Size)) return;
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllBytes(temporary, jpeg.AsSpan());
            File.Move(temporary, copy, overwrite: true);
            Interlocked.Increment(ref stored);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            problem = $"resized copies are no longer kept in {options.Folder}: {e.Message}";
        }
        finally
        {
            storing.TryRemove(copy, out _);
        }
    }

    /// <summary>Counts <paramref name="bytes"/> against the limit (the folder is measured once, when first written to).</summary>
    private bool Reserve(long bytes)
    {
        lock (sizeLock)
        {
            folderBytes ??= MeasureFolder();
            if (folderBytes + bytes > options.MaxMegabytes * BytesPerMegabyte)
            {
                problem = $"the resize cache in {options.Folder} holds {folderBytes / (double)BytesPerMegabyte:F0} MB, its limit is " +
                    $"{options.MaxMegabytes} MB: larger images are decoded from their files";
                return false;
            }
            folderBytes += bytes;
            return true;
        }
    }

    private long MeasureFolder() => Directory.Exists(options.Folder)
        ? new DirectoryInfo(options.Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length)
        : 0;

    private string CopyPath(FileInfo file, int side)
    {
        var key = string.Join('|', FormatVersion, file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, side, options.Quality);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(options.Folder, side.ToString(CultureInfo.InvariantCulture), hash[..2], hash[2..40] + ".jpg");
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}

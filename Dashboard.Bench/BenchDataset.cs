using Dashboard.Training.Data;
using SkiaSharp;

namespace Dashboard.Bench;

/// <summary>
/// A throw-away folder dataset of camera-size JPEGs (<c>train/</c> and <c>valid/</c>, one folder per class) in the temp
/// folder. Each image is a noisy gradient with a few filled shapes, so the JPEGs carry real detail and decode like photos.
/// </summary>
public sealed class BenchDataset : IDisposable
{
    private const int ShapesPerImage = 6;
    private const int NoiseAmplitude = 24;

    private BenchDataset(string root) => Root = root;

    public string Root { get; }

    public string TrainFolder => Path.Combine(Root, FolderDataset.TrainFolder);

    public static BenchDataset Create(BenchOptions options)
    {
        var dataset = new BenchDataset(Directory.CreateTempSubdirectory("dashboard-bench-").FullName);
        var jobs = Enumerable.Range(0, options.Classes).SelectMany(label =>
            Enumerable.Range(0, options.TrainImagesPerClass).Select(i => (FolderDataset.TrainFolder, label, i))
                .Concat(Enumerable.Range(0, options.ValidImagesPerClass).Select(i => (FolderDataset.ValidFolder, label, i))));
        Parallel.ForEach(jobs, job =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(dataset.Root, job.Item1, $"class{job.label}")).FullName;
            using var image = Draw(options.ImageWidth, options.ImageHeight, new Random(ImageSeed(options.Seed, job.Item1 == FolderDataset.TrainFolder, job.label, job.i)));
            using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, options.JpegQuality);
            File.WriteAllBytes(Path.Combine(folder, $"{job.i:D4}.jpg"), jpeg.ToArray());
        });
        return dataset;
    }

    /// <summary>The same seed for the same image in every process (HashCode.Combine is randomised per process).</summary>
    private static int ImageSeed(int seed, bool train, int label, int index) =>
        unchecked(((seed * 31 + (train ? 1 : 2)) * 1_000_003 + label) * 10_007 + index);

    private static SKBitmap Draw(int width, int height, Random random)
    {
        var image = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var shapes = Enumerable.Range(0, ShapesPerImage).Select(_ => Shape.Random(width, height, random)).ToArray();
        var pixels = image.GetPixelSpan();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var colour = Noisy(ColourAt(shapes, x, y, width, height), random);
                var at = 4 * (y * width + x);
                (pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]) = (colour.R, colour.G, colour.B, byte.MaxValue);
            }
        return image;
    }

    /// <summary>The topmost shape's colour at (x, y), else the background gradient.</summary>
    private static Rgb24 ColourAt(Shape[] shapes, int x, int y, int width, int height)
    {
        for (var i = shapes.Length - 1; i >= 0; i--)
            if (shapes[i].Contains(x, y)) return shapes[i].Colour;
        return Gradient(x, y, width, height);
    }

    private static Rgb24 Gradient(int x, int y, int width, int height) =>
        new((byte)(x * byte.MaxValue / width), (byte)(y * byte.MaxValue / height), (byte)((x + y) * byte.MaxValue / (width + height)));

    private readonly record struct Rgb24(byte R, byte G, byte B);

    private static Rgb24 Noisy(Rgb24 colour, Random random)
    {
        byte Jitter(byte value) => (byte)Math.Clamp(value + random.Next(-NoiseAmplitude, NoiseAmplitude + 1), 0, byte.MaxValue);
        return new Rgb24(Jitter(colour.R), Jitter(colour.G), Jitter(colour.B));
    }

    /// <summary>A filled ellipse or rectangle.</summary>
    private sealed record Shape(bool Ellipse, int Left, int Top, int Width, int Height, Rgb24 Colour)
    {
        public static Shape Random(int width, int height, Random random)
        {
            var (w, h) = (random.Next(width / 8, width / 2), random.Next(height / 8, height / 2));
            var colour = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            return new Shape(random.Next(2) == 0, random.Next(width - w), random.Next(height - h), w, h, colour);
        }

        public bool Contains(int x, int y)
        {
            if (!Ellipse) return x >= Left && x < Left + Width && y >= Top && y < Top + Height;
            var (dx, dy) = ((x - Left - Width / 2.0) / (Width / 2.0), (y - Top - Height / 2.0) / (Height / 2.0));
            return dx * dx + dy * dy <= 1;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

using Dashboard.Training.Data;

namespace Dashboard.Inference;

/// <summary>An image to classify: the name shown to the user and the file read.</summary>
public sealed record ImageToPredict(string Name, string Path);

/// <summary>
/// Uploaded images in a temporary folder of their own, deleted with it on dispose. Files are stored under numbers (never
/// the client's name), the total is held to <see cref="LimitsOptions.MaxUploadBytes"/>, and each file's content is sniffed
/// from its header (the extension is not trusted): not an image, 415; more pixels than allowed, 413; nothing decoded.
/// </summary>
public sealed class ImageUpload(LimitsOptions limits) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dashboard-predict-");
    private readonly List<ImageToPredict> images = [];
    private long bytes;

    public IReadOnlyList<ImageToPredict> Images => images;

    public async Task AddAsync(string name, Stream content, CancellationToken cancellation)
    {
        if (images.Count == limits.MaxImages) throw PredictionRefused.BadRequest($"Send at most {limits.MaxImages} images in one request (Dashboard:Limits:MaxImages).");
        var path = Path.Combine(folder.FullName, images.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using (var file = File.Create(path)) await CopyWithinLimitAsync(content, file, cancellation);
        Check(name, path, limits.MaxPixels);
        images.Add(new ImageToPredict(name, path));
    }

    /// <summary>The header check of one file: 415 when it is not an image, 413 when it announces too many pixels.</summary>
    public static void Check(string name, string path, long maxPixels)
    {
        if (ImageFileCheck.Problem(path, long.MaxValue) is { } notImage) throw PredictionRefused.NotAnImage(name, notImage);
        if (ImageFileCheck.Problem(path, maxPixels) is { } tooLarge) throw PredictionRefused.TooLarge($"{name}: {tooLarge.Replace("LoaderOptions.MaxPixels", "Dashboard:Limits:MaxPixels", StringComparison.Ordinal)}.");
    }

    private async Task CopyWithinLimitAsync(Stream content, Stream file, CancellationToken cancellation)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellation)) > 0)
        {
            bytes += read;
            if (bytes > limits.MaxUploadBytes) throw UploadTooLarge(limits);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
        }
    }

    public static PredictionRefused UploadTooLarge(LimitsOptions limits) =>
        PredictionRefused.TooLarge($"The images are larger than {limits.MaxUploadMB} MB together (Dashboard:Limits:MaxUploadMB); send fewer or smaller ones.");

    public void Dispose()
    {
        try { folder.Delete(recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

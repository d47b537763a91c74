using System.ComponentModel.DataAnnotations;
using Dashboard.Training.Data;

namespace Dashboard.Inference;

/// <summary>What one user may ask of the predictor; bound to "Dashboard:Limits".</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Dashboard:Limits";
    private const long BytesPerMegabyte = 1024 * 1024;

    /// <summary>The largest upload of one predict request (all its images together), in MiB.</summary>
    [Range(1, 1024)]
    public int MaxUploadMB { get; set; } = 16;

    /// <summary>Images in one predict request.</summary>
    [Range(1, 256)]
    public int MaxImages { get; set; } = 32;

    /// <summary>Width × height an image's header may announce; larger images are refused before decoding.</summary>
    [Range(1, LoaderOptions.DefaultMaxPixels)]
    public long MaxPixels { get; set; } = LoaderOptions.DefaultMaxPixels;

    /// <summary>Predict requests per user (page and API together) in each <see cref="PredictWindowSeconds"/>.</summary>
    [Range(1, 100_000)]
    public int PredictRequests { get; set; } = 30;

    [Range(1, 86_400)]
    public int PredictWindowSeconds { get; set; } = 60;

    public long MaxUploadBytes => MaxUploadMB * BytesPerMegabyte;
}

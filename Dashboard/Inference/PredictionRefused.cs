namespace Dashboard.Inference;

/// <summary>Why a prediction cannot be made, with the HTTP status the API answers and a message a person can act on.</summary>
public sealed class PredictionRefused(int status, string title, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    /// <summary>Seconds to wait before asking again (rate limit), when known.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static PredictionRefused NotAnImage(string file, string reason) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Not an image", $"{file} is not an image this dashboard can read ({reason}); send JPEG, PNG, WebP, GIF or BMP.");

    public static PredictionRefused TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Too large", detail);

    public static PredictionRefused BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static PredictionRefused Conflict(string detail) => new(StatusCodes.Status409Conflict, "Not possible in the run's state", detail);

    public static PredictionRefused NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
}

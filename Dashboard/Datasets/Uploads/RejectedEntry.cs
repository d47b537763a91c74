namespace Dashboard.Datasets.Uploads;

/// <summary>An archive entry (or <see cref="Archive"/>, the archive as a whole) that was refused, and why.</summary>
public sealed record RejectedEntry(string Entry, string Reason)
{
    public const string Archive = "(archive)";
}

/// <summary>Why an upload was refused, with the HTTP status the API answers and every rejected entry.</summary>
public sealed class UploadRefused(int status, string title, string message, IReadOnlyList<RejectedEntry>? rejected = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyList<RejectedEntry> Rejected { get; } = rejected ?? [];

    public static UploadRefused BadName(string detail) => new(StatusCodes.Status400BadRequest, "Invalid dataset name", detail);

    public static UploadRefused NameTaken(string name) => new(StatusCodes.Status409Conflict, "Name taken", $"There is already a dataset called '{name}'.");

    public static UploadRefused TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Too large", detail);

    public static UploadRefused BadArchive(IReadOnlyList<RejectedEntry> rejected) =>
        new(StatusCodes.Status422UnprocessableEntity, "Archive refused",
            $"{rejected.Count} entr{(rejected.Count == 1 ? "y was" : "ies were")} refused; nothing was kept.", rejected);
}

namespace Dashboard.Training.Data;

/// <summary>A file left out of a dataset because it could not be read as an image, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

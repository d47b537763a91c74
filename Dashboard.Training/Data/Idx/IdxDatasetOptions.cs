namespace Dashboard.Training.Data.Idx;

/// <summary>How an IDX folder is read.</summary>
public sealed class IdxDatasetOptions
{
    /// <summary>Name of an optional file in the folder listing one class name per line, in label order.</summary>
    public const string ClassNamesFile = "classes.txt";

    /// <summary>Read at most this many images of each split (train and t10k); null reads all (60,000 and 10,000 for MNIST).</summary>
    public int? LimitPerSplit { get; set; }

    /// <summary>
    /// Class names in label order. When null: <see cref="ClassNamesFile"/> if present, else Fashion-MNIST's names
    /// when the folder path mentions "fashion", else the digits 0–9.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; set; }

    public void Validate()
    {
        if (LimitPerSplit is < 1)
            throw new ArgumentOutOfRangeException(nameof(LimitPerSplit), LimitPerSplit, "LimitPerSplit must be at least 1 (or null for all).");
    }
}

namespace Dashboard.Training.Data;

/// <summary>How a CSV of <c>file,label</c> rows is read and split.</summary>
public sealed class CsvDatasetOptions
{
    /// <summary>Folder the file names are relative to; null means the CSV's own folder. Relative paths start there too.</summary>
    public string? ImageFolder { get; set; }

    /// <summary>Appended to every file name, e.g. ".jpg" when the CSV holds bare ids.</summary>
    public string Suffix { get; set; } = "";

    /// <summary>True or false to say whether the first row is a header; null guesses (see <see cref="CsvLabelFile"/>).</summary>
    public bool? HasHeader { get; set; }

    /// <summary>Share of the rows held out for validation, strictly between 0 and 1.</summary>
    public double ValidFraction { get; set; } = 0.2;

    /// <summary>Seed of the validation split: the same seed always holds out the same rows.</summary>
    public int Seed { get; set; } = 42;

    public void Validate()
    {
        if (ValidFraction is <= 0 or >= 1 || double.IsNaN(ValidFraction))
            throw new ArgumentOutOfRangeException(nameof(ValidFraction), ValidFraction, "ValidFraction must be between 0 and 1 (exclusive).");
    }
}

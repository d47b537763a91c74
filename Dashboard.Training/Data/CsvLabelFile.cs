namespace Dashboard.Training.Data;

/// <summary>One <c>file,label</c> row of a labels CSV, with its 1-based line number for error messages.</summary>
public sealed record CsvLabelRow(int Line, string File, string Label);

/// <summary>
/// Parses a labels CSV: two comma-separated columns (more are ignored), double quotes allowed around fields.
/// Without an explicit setting, the first row is a header when its first field is a usual column name
/// (file, filename, fname, name, image, path, id) and no such file exists.
/// </summary>
public static class CsvLabelFile
{
    private static readonly string[] HeaderNames = ["file", "filename", "fname", "name", "image", "path", "id"];

    public static IReadOnlyList<CsvLabelRow> Read(string csvPath, CsvDatasetOptions options, Func<string, bool> fileExists)
    {
        var rows = new List<CsvLabelRow>();
        var lines = File.ReadAllLines(csvPath);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = SplitLine(lines[i]);
            if (fields.Count < 2)
                throw new DatasetException(csvPath, $"Line {i + 1} has no label column (expected file,label)");
            var row = new CsvLabelRow(i + 1, fields[0].Trim(), fields[1].Trim());
            if (rows.Count == 0 && IsHeader(row, options, fileExists)) continue;
            rows.Add(row);
        }
        return rows.Count > 0 ? rows : throw new DatasetException(csvPath, "CSV file has no file,label rows");
    }

    private static bool IsHeader(CsvLabelRow first, CsvDatasetOptions options, Func<string, bool> fileExists) =>
        first.Line == 1 && (options.HasHeader ??
            (HeaderNames.Contains(first.File, StringComparer.OrdinalIgnoreCase) && !fileExists(first.File)));

    /// <summary>Splits on commas outside double quotes; a doubled quote inside quotes is a literal quote.</summary>
    public static IReadOnlyList<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}

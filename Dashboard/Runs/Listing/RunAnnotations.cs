using System.Text.RegularExpressions;

namespace Dashboard.Runs.Listing;

/// <summary>
/// A run's tags (short words a team filters by) and free-text note, checked: at most <see cref="MaxTags"/> tags of
/// letters, digits, '.', '_' or '-' up to <see cref="MaxTagLength"/> characters each, and a note up to <see cref="MaxNoteLength"/>.
/// </summary>
public sealed partial record RunAnnotations(IReadOnlyList<string> Tags, string? Note)
{
    public const int MaxTags = 10;
    public const int MaxTagLength = 32;
    public const int MaxNoteLength = 1000;

    /// <summary>The annotations trimmed, tags without repeats (ignoring case), an empty note as none; or why they are refused.</summary>
    public static (RunAnnotations? Annotations, string? Error) Check(IEnumerable<string?>? tags, string? note)
    {
        var cleaned = (tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (cleaned.Length > MaxTags) return (null, $"A run takes at most {MaxTags} tags, not {cleaned.Length}.");
        if (cleaned.FirstOrDefault(t => t.Length > MaxTagLength) is { } tooLong)
            return (null, $"The tag '{tooLong[..MaxTagLength]}…' is longer than {MaxTagLength} characters.");
        if (cleaned.FirstOrDefault(t => !TagPattern().IsMatch(t)) is { } bad)
            return (null, $"The tag '{bad}' may hold only letters, digits, '.', '_' and '-'.");
        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmedNote?.Length > MaxNoteLength) return (null, $"The note is {trimmedNote.Length} characters long; at most {MaxNoteLength} are allowed.");
        return (new RunAnnotations(cleaned, trimmedNote), null);
    }

    /// <summary>Tags as the store keeps them: separated by spaces (no tag holds one).</summary>
    public static string Join(IReadOnlyList<string> tags) => string.Join(' ', tags);

    public static IReadOnlyList<string> Split(string? stored) => string.IsNullOrEmpty(stored) ? [] : stored.Split(' ');

    [GeneratedRegex(@"^[\p{L}\p{N}._-]+$")]
    private static partial Regex TagPattern();
}

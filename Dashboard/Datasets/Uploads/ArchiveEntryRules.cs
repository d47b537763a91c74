using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Dashboard.Datasets.Uploads;

/// <summary>
/// Which zip entries may be unpacked at all: relative paths with no "..", no absolute path or drive letter, no
/// backslash, and no symbolic link (Unix mode S_IFLNK in the external attributes).
/// </summary>
public static partial class ArchiveEntryRules
{
    private const int FileTypeMask = 0xF000;
    private const int SymbolicLink = 0xA000;

    /// <summary>Null when the entry may be unpacked, otherwise why not.</summary>
    public static string? Problem(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (((entry.ExternalAttributes >> 16) & FileTypeMask) == SymbolicLink) return "symbolic links are not allowed";
        if (name.Contains('\\')) return "backslashes are not allowed in entry paths";
        if (name.StartsWith('/') || DriveLetter().IsMatch(name)) return "absolute paths are not allowed";
        if (name.Split('/').Any(part => part == "..")) return "'..' is not allowed in entry paths";
        if (name.Split('/').SkipLast(1).Any(part => part.Length == 0 || part == ".")) return "empty or '.' path segments are not allowed";
        return null;
    }

    public static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/');

    [GeneratedRegex("^[A-Za-z]:")]
    private static partial Regex DriveLetter();
}

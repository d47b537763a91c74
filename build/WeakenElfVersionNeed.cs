using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the .gnu.version_r auxiliary entry named <see cref="VersionName"/> in each
/// ELF64 little-endian file, when the system's <see cref="SystemLibrary"/> does not define that version.
/// The file is rewritten through a temporary copy and a rename, so a hard link to a package cache
/// is never modified in place.
/// </summary>
public class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";
    [Required] public string SystemLibrary { get; set; } = "";

    public override bool Execute()
    {
        if (SystemDefinesVersion())
        {
            Log.LogMessage(MessageImportance.Low, $"System {SystemLibrary} has {VersionName}: nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                if (Patch(path)) Log.LogMessage(MessageImportance.Normal, $"Marked {VersionName} weak in {path}");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Could not patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private bool SystemDefinesVersion()
    {
        string[] dirs = { "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu" };
        var needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, SystemLibrary);
            if (File.Exists(candidate)) return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
        }
        return false;
    }

    private bool Patch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long shoff = BitConverter.ToInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3A);
        int shnum = BitConverter.ToUInt16(bytes, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(bytes, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = BitConverter.ToInt64(bytes, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(bytes, (int)sh + 0x28);
            long strtab = BitConverter.ToInt64(bytes, (int)(shoff + (long)link * shentsize) + 0x18);
            if (!MarkWeak(bytes, offset, strtab)) return false;
            var temp = path + ".weakening";
            File.WriteAllBytes(temp, bytes);
            File.Delete(path);
            File.Move(temp, path);
            return true;
        }
        return false;
    }

    private bool MarkWeak(byte[] bytes, long verneed, long strtab)
    {
        while (true)
        {
            int count = BitConverter.ToUInt16(bytes, (int)verneed + 2);
            long aux = verneed + BitConverter.ToUInt32(bytes, (int)verneed + 8);
            for (int j = 0; j < count; j++)
            {
                long name = strtab + BitConverter.ToUInt32(bytes, (int)aux + 8);
                if (ReadString(bytes, name) == VersionName)
                {
                    ushort flags = BitConverter.ToUInt16(bytes, (int)aux + 4);
                    if ((flags & VerFlagWeak) != 0) return false;
                    BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(bytes, (int)aux + 4);
                    return true;
                }
                aux += BitConverter.ToUInt32(bytes, (int)aux + 12);
            }
            uint next = BitConverter.ToUInt32(bytes, (int)verneed + 12);
            if (next == 0) return false;
            verneed += next;
        }
    }

    private static string ReadString(byte[] bytes, long start)
    {
        int end = (int)start;
        while (bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, end - (int)start);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int k = 0;
            while (k < needle.Length && haystack[i + k] == needle[k]) k++;
            if (k == needle.Length) return i;
        }
        return -1;
    }
}

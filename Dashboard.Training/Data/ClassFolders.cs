namespace Dashboard.Training.Data;

/// <summary>Reads a split laid out as one subfolder per class (<c>train/cat/*.jpg</c>).</summary>
internal static class ClassFolders
{
    /// <summary>The class subfolder names in ordinal order; a split without any is an error.</summary>
    public static IReadOnlyList<string> Names(string splitFolder)
    {
        var names = SubfolderNames(splitFolder);
        return names.Count > 0 ? names : throw new DatasetException(splitFolder, "Folder has no class subfolders");
    }

    /// <summary>Every class subfolder of <paramref name="splitFolder"/> must be one of <paramref name="classes"/>.</summary>
    public static void RequireKnownClasses(string splitFolder, IReadOnlyList<string> classes)
    {
        var unknown = SubfolderNames(splitFolder).FirstOrDefault(name => !classes.Contains(name));
        if (unknown is not null)
            throw new DatasetException(Path.Combine(splitFolder, unknown),
                $"Class '{unknown}' is not among the train/ classes ({string.Join(", ", classes)})");
    }

    /// <summary>Items of every class folder; unreadable files, and files outside class folders, go to <paramref name="skipped"/>.</summary>
    public static List<DataItem> LabelledItems(string splitFolder, IReadOnlyList<string> classes, List<SkippedFile> skipped)
    {
        skipped.AddRange(ImageFileCheck.FilesIn(splitFolder).Select(path => new SkippedFile(path, "not inside a class folder")));
        var items = new List<DataItem>();
        foreach (var name in SubfolderNames(splitFolder))
            items.AddRange(ClassItems(Path.Combine(splitFolder, name), classes.IndexOf(name), skipped));
        return items;
    }

    private static IEnumerable<DataItem> ClassItems(string classFolder, int label, List<SkippedFile> skipped)
    {
        var files = ImageFileCheck.FilesIn(classFolder);
        if (files.Count == 0) throw new DatasetException(classFolder, "Class folder is empty");
        var (readable, unreadable) = ImageFileCheck.Split(files);
        skipped.AddRange(unreadable);
        return readable.Select(path => new DataItem(new FileImageSource(path), label));
    }

    /// <summary>Subfolder names in ordinal order; hidden ones (".ipynb_checkpoints") are not classes.</summary>
    private static List<string> SubfolderNames(string folder) =>
        Directory.EnumerateDirectories(folder).Select(path => Path.GetFileName(path))
            .Where(name => !name.StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}

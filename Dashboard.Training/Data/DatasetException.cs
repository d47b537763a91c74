namespace Dashboard.Training.Data;

/// <summary>A dataset cannot be opened as given. <see cref="Path"/> names the file or folder at fault.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string path, string problem, Exception? inner = null)
        : base($"{problem}: {path}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }

    /// <summary>The file or folder that is missing, malformed or inconsistent.</summary>
    public string Path { get; }
}

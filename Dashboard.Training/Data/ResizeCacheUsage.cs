namespace Dashboard.Training.Data;

/// <summary>Copies in a <see cref="ResizeCache"/>'s folder and their bytes, beside its limit.</summary>
public sealed record ResizeCacheUsage(int Copies, long Bytes, long LimitBytes)
{
    /// <summary>Share of the limit in use (0 with no limit set).</summary>
    public double FractionOfLimit => LimitBytes > 0 ? (double)Bytes / LimitBytes : 0;
}

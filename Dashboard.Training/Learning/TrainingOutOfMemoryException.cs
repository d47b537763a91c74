using System.Runtime.InteropServices;

namespace Dashboard.Training.Learning;

/// <summary>
/// The trainer ran out of memory (libtorch's allocator refused, CUDA ran out, or the managed heap did). The message says
/// where and what to change; what was done before (events, saved weights, epoch resume points) is kept.
/// </summary>
public sealed class TrainingOutOfMemoryException(string where, int batchSize, int imageSize, Exception inner)
    : Exception(
        $"Out of memory {where} (batch size {batchSize}, {imageSize} px): {FirstLine(inner.Message)}. " +
        "Lower the batch size or the image size, or precompute activations; everything up to the last completed epoch is kept.",
        inner)
{
    private static readonly string[] AllocatorMessages = ["can't allocate memory", "not enough memory", "out of memory", "Cannot allocate memory"];

    /// <summary>True for an allocation failure from libtorch (CPU or CUDA) or .NET.</summary>
    public static bool IsAllocationFailure(Exception e) =>
        e is OutOfMemoryException
        || (e is ExternalException && AllocatorMessages.Any(text => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase)));

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}

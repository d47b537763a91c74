using System.ComponentModel.DataAnnotations;

namespace Dashboard.Training;

/// <summary>Which device the trainer uses; bound to the "Torch" configuration section.</summary>
public sealed class TorchOptions
{
    public const string SectionName = "Torch";

    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cpu</c> or <c>cuda</c>.</summary>
    [RegularExpression("^(auto|cpu|cuda)$", ErrorMessage = "Torch:Device must be auto, cpu or cuda.")]
    public string Device { get; set; } = "auto";

    /// <summary>Intra-op threads for libtorch; 0 leaves libtorch's default.</summary>
    [Range(0, 1024, ErrorMessage = "Torch:Threads must be between 0 and 1024 (0 leaves libtorch's default).")]
    public int Threads { get; set; }

    /// <summary>Keep freed native blocks in the C heap for the next step instead of returning them to the kernel (see <see cref="NativeHeap"/>).</summary>
    public bool KeepFreedNativeMemory { get; set; } = true;
}

using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Precision;

/// <summary>
/// PyTorch's <c>with torch.autocast(device, dtype)</c> for TorchSharp: inside the scope libtorch runs the operations on
/// its lower-precision list (convolutions, linear layers, matrix products) in bf16/fp16 and keeps the rest (losses,
/// reductions) in fp32. Like libtorch's state, a scope belongs to the thread that entered it: forward and loss inside,
/// backward outside, as PyTorch requires. Disposing restores the previous state, also after an exception.
/// </summary>
public sealed class Autocast : IDisposable
{
    private readonly sbyte device;
    private readonly bool wasEnabled;
    private readonly sbyte previousType;
    private bool disposed;

    private Autocast(sbyte device, ScalarType type)
    {
        this.device = device;
        wasEnabled = LibtorchAutocast.IsEnabled(device);
        previousType = LibtorchAutocast.GetDtype(device);
        LibtorchAutocast.SetDtype(device, (sbyte)type);
        LibtorchAutocast.SetEnabled(device, true);
        LibtorchAutocast.IncrementNesting();
    }

    /// <summary>A scope for <paramref name="precision"/> on <paramref name="on"/>; fp32 gives a scope that changes nothing.</summary>
    public static IDisposable Enter(Device on, TrainingPrecision precision) => precision switch
    {
        TrainingPrecision.Fp32 => NoScope.Instance,
        TrainingPrecision.Bf16 => new Autocast((sbyte)on.type, ScalarType.BFloat16),
        TrainingPrecision.Fp16 => new Autocast((sbyte)on.type, ScalarType.Float16),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "resolve 'auto' with PrecisionChoice first"),
    };

    /// <summary>Null when libtorch's autocast entry points can be called, else why not (a missing library or symbol).</summary>
    public static string? Unavailable()
    {
        try
        {
            LibtorchAutocast.IsEnabled((sbyte)DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return $"libtorch's autocast entry points are missing ({e.Message})";
        }
    }

    public static bool IsEnabled(Device on) => LibtorchAutocast.IsEnabled((sbyte)on.type);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (LibtorchAutocast.DecrementNesting() == 0) LibtorchAutocast.ClearCache();
        LibtorchAutocast.SetEnabled(device, wasEnabled);
        LibtorchAutocast.SetDtype(device, previousType);
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();
        public void Dispose() { }
    }
}

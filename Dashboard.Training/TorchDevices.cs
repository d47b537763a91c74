using TorchSharp;

namespace Dashboard.Training;

/// <summary>Resolves the configured device name to a TorchSharp device, with clear errors.</summary>
public static class TorchDevices
{
    /// <summary>Applies the thread count and heap settings (process-wide), then chooses the device.</summary>
    public static torch.Device Resolve(TorchOptions options)
    {
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        if (options.KeepFreedNativeMemory) NativeHeap.KeepFreedBlocks();
        return Choose(options);
    }

    /// <summary>The device only, changing nothing: safe from a page render while a fit runs with its own thread count.</summary>
    private static torch.Device Choose(TorchOptions options) => options.Device switch
        {
            "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.CUDA,
            "cuda" => throw new InvalidOperationException(
                "Torch:Device is 'cuda' but CUDA is not available: build with -p:TorchBackend=cuda on a machine with an NVIDIA driver, or set Torch:Device to 'auto' or 'cpu'."),
            "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            _ => throw new ArgumentException($"Torch:Device '{options.Device}' is not one of auto, cpu, cuda."),
        };

    public static string Describe(TorchOptions options)
    {
        try { return Choose(options).ToString(); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or TypeInitializationException or DllNotFoundException)
        { return "unavailable: " + e.Message; }
    }
}

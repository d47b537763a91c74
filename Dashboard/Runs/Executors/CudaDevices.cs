using TorchSharp;

namespace Dashboard.Runs.Executors;

/// <summary>How many CUDA devices libtorch sees (0 with the CPU build or without a GPU).</summary>
public static class CudaDevices
{
    public static int Count() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}

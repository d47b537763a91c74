using Dashboard.Training;
using TorchSharp;

namespace Dashboard.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Native_library_loads_and_computes()
    {
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new float[] { 5, 14, 14, 50 }, b.data<float>().ToArray());
    }

    [Fact]
    public void Cpu_device_resolves_and_unknown_device_is_rejected()
    {
        Assert.Equal(DeviceType.CPU, TorchDevices.Resolve(new TorchOptions { Device = "cpu" }).type);
        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Resolve(new TorchOptions { Device = "tpu" }));
        Assert.Contains("tpu", error.Message);
    }
}

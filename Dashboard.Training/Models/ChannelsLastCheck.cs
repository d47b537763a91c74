using Dashboard.Training.Models.Torchvision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Models;

/// <summary>
/// Whether this machine's libtorch computes convolutions in channels-last order as it does in the plain one. On AMD Zen 5
/// CPUs (48 KB L1d) libtorch 2.10's oneDNN gave ResNet-18 probabilities 0.05 away from the plain layout's and from ONNX
/// Runtime's, so the layout is used only where it agrees: checked once per process on a ResNet-18 with random weights,
/// 64 px, eval mode, the global random state left as it was.
/// </summary>
public static class ChannelsLastCheck
{
    private const int Size = 64, Images = 2;
    private static readonly Lazy<bool> agrees = new(Measure);

    public static bool LayoutsAgree => agrees.Value;

    private static bool Measure()
    {
        using var scope = NewDisposeScope();
        var state = torch.random.get_rng_state();
        try
        {
            using var body = TorchvisionResNet.Create("resnet18");
            body.eval();
            using var guard = no_grad();
            var images = rand(Images, 3, Size, Size);
            var plain = body.forward(images);
            var channelsLast = body.forward(images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
            return plain.allclose(channelsLast, rtol: 1e-3, atol: 1e-4);
        }
        finally { torch.random.set_rng_state(state); }
    }
}

using Dashboard.Training.Models;
using Dashboard.Training.Models.Torchvision;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

/// <summary>Channels-last is a memory order, not a different model: the same weights give the same outputs and gradients.</summary>
public class ChannelsLastTests
{
    [Fact]
    public void Channels_last_and_the_plain_layout_give_the_same_logits_and_gradients()
    {
        torch.manual_seed(2);
        using var model = new TransferModel(TorchvisionResNet.Create("resnet18"), 4, new HeadOptions());
        model.eval();
        using var images = rand(3, 3, 48, 48);

        var (plainLogits, plainGradient) = LogitsAndGradient(model, images, channelsLast: false);
        var (lastLogits, lastGradient) = LogitsAndGradient(model, images, channelsLast: true);

        Assert.True(plainLogits.allclose(lastLogits, rtol: 1e-4, atol: 1e-5));
        Assert.True(plainGradient.allclose(lastGradient, rtol: 1e-3, atol: 1e-5));
    }

    private static (Tensor Logits, Tensor Gradient) LogitsAndGradient(TransferModel model, Tensor images, bool channelsLast)
    {
        model.ChannelsLast = channelsLast;
        model.zero_grad();
        var logits = model.forward(images);
        using var loss = logits.sum();
        loss.backward();
        var conv = model.Body.parameters().First(); // the stem convolution: the gradient travelled back through every layer
        return (logits.detach(), conv.grad!.clone());
    }
}

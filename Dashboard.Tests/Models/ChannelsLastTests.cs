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

    [Theory]
    [InlineData("resnet18", true)]
    [InlineData("resnet34", true)]
    [InlineData("resnet50", false)] // oneDNN's SIGFPE on its NHWC stride-2 1x1 convolutions (see ResNetBackbone)
    public void Bottleneck_resnets_stay_in_the_plain_layout_and_still_classify(string architecture, bool channelsLast)
    {
        using var model = new TransferModel(TorchvisionResNet.Create(architecture), 3, new HeadOptions()) { ChannelsLast = true };
        model.eval();
        Assert.Equal(channelsLast && ChannelsLastCheck.LayoutsAgree, model.ChannelsLast);

        using var images = rand(6, 3, 64, 64);
        using (no_grad())
        using (var logits = model.forward(images))
            Assert.Equal([6L, 3], logits.shape); // on a Zen 5 CPU a resnet50 in channels-last killed the process here
    }

    [Fact]
    public void The_layout_check_leaves_the_random_state_as_it_was()
    {
        torch.manual_seed(7);
        var expected = rand(4).data<float>().ToArray();
        torch.manual_seed(7);
        _ = ChannelsLastCheck.LayoutsAgree;
        Assert.Equal(expected, rand(4).data<float>().ToArray());
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

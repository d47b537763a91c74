using Dashboard.Training.Models;
using static TorchSharp.torch;

namespace Dashboard.Tests.Models;

public class ClassifierHeadTests
{
    [Fact]
    public void The_head_is_initialised_as_fastai_kaiming_normal_weights_and_zero_biases()
    {
        using var head = ClassifierHead.Create(1024, 10, new HeadOptions());
        var parameters = head.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        foreach (var (name, fanIn) in new[] { ("fc1", 1024), ("fc2", 512) })
        {
            var weight = parameters[$"{name}.weight"];
            double std = weight.std().item<float>(), mean = weight.mean().item<float>();
            Assert.InRange(std / Math.Sqrt(2.0 / fanIn), 0.95, 1.05);
            Assert.InRange(Math.Abs(mean), 0, 0.01);
            Assert.Equal(0, parameters[$"{name}.bias"].abs().max().item<float>());
        }
        Assert.Equal(1, parameters["bn1.weight"].min().item<float>());
    }
}

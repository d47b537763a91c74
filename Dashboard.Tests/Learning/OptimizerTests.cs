using Dashboard.Training.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>Our optimizers take the same steps as TorchSharp's (PyTorch's algorithms), with two groups at different rates.</summary>
public sealed class OptimizerTests
{
    private const int Steps = 5;
    private static readonly double[] Rates = [1e-2, 3e-1];

    [Fact]
    public void Sgd_with_momentum_and_weight_decay_matches_torch_sgd() => AssertSameSteps(
        groups => new Sgd(groups, momentum: 0.9, weightDecay: 1e-2),
        groups => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: g.LearningRate, momentum: 0.9, weight_decay: 1e-2)).ToArray(), 1e-3, 0.9, weight_decay: 1e-2));

    [Fact]
    public void Sgd_without_momentum_matches_torch_sgd() => AssertSameSteps(
        groups => new Sgd(groups, momentum: 0, weightDecay: 0),
        groups => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: g.LearningRate)).ToArray(), 1e-3));

    [Fact]
    public void Adam_matches_torch_adam() => AssertSameSteps(
        groups => new Dashboard.Training.Learning.Optimizers.Adam(groups, beta1: 0.9, beta2: 0.99, weightDecay: 1e-2),
        groups => optim.Adam(groups.Select(g => new TorchSharp.Modules.Adam.ParamGroup(g.Parameters, lr: g.LearningRate, beta1: 0.9, beta2: 0.99, weight_decay: 1e-2)).ToArray(), 1e-3, 0.9, 0.99, weight_decay: 1e-2));

    [Fact]
    public void Zero_grad_clears_gradients_and_a_parameter_without_one_does_not_move()
    {
        using var model = NewModel();
        var groups = Groups(model);
        using var optimizer = new Sgd(groups, momentum: 0.9, weightDecay: 1e-2);
        Backward(model, 0);
        optimizer.ZeroGrad();
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
        var before = model.parameters().Select(p => p.detach().clone()).ToList();

        optimizer.Step();

        Assert.All(model.parameters().Zip(before), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
    }

    [Fact]
    public void Learning_rates_are_read_at_each_step()
    {
        using var model = NewModel();
        var groups = Groups(model);
        using var optimizer = new Sgd(groups, momentum: 0, weightDecay: 0);
        foreach (var group in groups) group.LearningRate = 0;
        var before = model.parameters().Select(p => p.detach().clone()).ToList();

        Backward(model, 0);
        optimizer.Step();

        Assert.All(model.parameters().Zip(before), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
    }

    private static void AssertSameSteps(Func<IReadOnlyList<ParameterGroup>, GroupOptimizer> ours, Func<IReadOnlyList<ParameterGroup>, optim.Optimizer> reference)
    {
        using var oursModel = NewModel();
        using var referenceModel = NewModel();
        using var oursOptimizer = ours(Groups(oursModel));
        using var referenceOptimizer = reference(Groups(referenceModel));

        for (int step = 0; step < Steps; step++)
        {
            oursOptimizer.ZeroGrad();
            Backward(oursModel, step);
            oursOptimizer.Step();
            referenceOptimizer.zero_grad();
            Backward(referenceModel, step);
            referenceOptimizer.step();
        }

        foreach (var (mine, theirs) in oursModel.parameters().Zip(referenceModel.parameters()))
            Assert.True(mine.allclose(theirs, rtol: 1e-5, atol: 1e-6), $"max difference {(mine - theirs).abs().max().item<float>()}");
        Assert.False(oursModel.parameters().First().allclose(NewModel().parameters().First()), "the parameters moved");
    }

    private static Sequential NewModel()
    {
        random.manual_seed(7);
        return nn.Sequential(("first", nn.Linear(6, 5)), ("relu", nn.ReLU()), ("second", nn.Linear(5, 3)));
    }

    private static IReadOnlyList<ParameterGroup> Groups(Sequential model) =>
        model.children().Where(m => m.parameters().Any()).Select((m, i) => new ParameterGroup(m.parameters().ToArray(), Rates[i])).ToList();

    private static void Backward(Sequential model, int step)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)(100 + step));
        var inputs = randn(8, 6, generator: generator);
        var targets = randint(0, 3, [8], generator: generator);
        nn.functional.cross_entropy(model.forward(inputs), targets).backward();
    }
}

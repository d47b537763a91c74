using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Training.Models;

/// <summary>
/// The new head on pooled features: BatchNorm → Dropout → Linear → ReLU → BatchNorm → Dropout → Linear to classes,
/// initialised as fastai (0.7's <c>ConvnetBuilder</c>, v2's <c>create_head</c>): Kaiming-normal linear weights (fan in,
/// gain √2), zero biases, BatchNorm left at weight 1, bias 0.
/// </summary>
public static class ClassifierHead
{
    public static Module<Tensor, Tensor> Create(int pooledFeatures, int classes, HeadOptions options)
    {
        var fc1 = Linear(pooledFeatures, options.HiddenUnits);
        var fc2 = Linear(options.HiddenUnits, classes);
        using (no_grad())
        {
            foreach (var linear in new[] { fc1, fc2 })
            {
                init.kaiming_normal_(linear.weight);
                linear.bias!.zero_();
            }
        }
        return Sequential(
            ("bn1", SafeBatchNorm.OneD(pooledFeatures)),
            ("drop1", Dropout(options.FirstDropout)),
            ("fc1", fc1),
            ("relu", ReLU()),
            ("bn2", SafeBatchNorm.OneD(options.HiddenUnits)),
            ("drop2", Dropout(options.SecondDropout)),
            ("fc2", fc2));
    }
}

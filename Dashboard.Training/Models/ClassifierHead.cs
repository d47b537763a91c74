using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Training.Models;

/// <summary>
/// The new head on pooled features: BatchNorm → Dropout → Linear → ReLU → BatchNorm → Dropout → Linear to classes.
/// </summary>
public static class ClassifierHead
{
    public static Module<Tensor, Tensor> Create(int pooledFeatures, int classes, HeadOptions options) => Sequential(
        ("bn1", SafeBatchNorm.OneD(pooledFeatures)),
        ("drop1", Dropout(options.FirstDropout)),
        ("fc1", Linear(pooledFeatures, options.HiddenUnits)),
        ("relu", ReLU()),
        ("bn2", SafeBatchNorm.OneD(options.HiddenUnits)),
        ("drop2", Dropout(options.SecondDropout)),
        ("fc2", Linear(options.HiddenUnits, classes)));
}

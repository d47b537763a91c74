using static TorchSharp.torch;

namespace Dashboard.Tests.Learning;

/// <summary>Copies of a module's state as plain arrays, for exact comparisons.</summary>
public static class Weights
{
    public static Dictionary<string, float[]> Of(nn.Module module) =>
        module.state_dict().Where(e => e.Value.dtype == ScalarType.Float32)
            .ToDictionary(e => e.Key, e => e.Value.detach().cpu().data<float>().ToArray());

    public static bool IsBatchNorm(string name) => name.Contains("bn");
}

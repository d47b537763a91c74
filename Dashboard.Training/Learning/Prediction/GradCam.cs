using Dashboard.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning.Prediction;

/// <summary>
/// Where in an image the model found one class (Selvaraju et al., Grad-CAM): values in [0, 1], one per input pixel,
/// row-major, <see cref="Size"/>×<see cref="Size"/>.
/// </summary>
public sealed record HeatMap(int ClassIndex, int Size, float[] Values);

/// <summary>
/// Grad-CAM on the last convolutional stage: the gradient of the class score (before softmax) with respect to the body's
/// last feature map, averaged over positions, weighs each channel; the weighted sum, through ReLU, upsampled bilinearly to
/// the input and scaled to a maximum of 1, is the heat. The body runs without autograd; only the pooling and head see it.
/// </summary>
public static class GradCam
{
    private static readonly long[] Positions = [2, 3];

    /// <summary>The heat of <paramref name="classIndex"/> (default: the predicted class) for one image (1, 3, size, size) in [0, 1].</summary>
    public static HeatMap Compute(TransferModel model, Tensor image, int? classIndex = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(image.shape[0], 1L, nameof(image));
        model.eval();
        using var scope = NewDisposeScope();
        Tensor features;
        using (no_grad()) features = model.FeatureMap(image);
        var input = features.detach().requires_grad_(true);
        using var gradients = enable_grad();
        var scores = model.ClassifyFeatureMap(input);
        int target = classIndex ?? (int)scores.argmax(1).item<long>();
        var gradient = autograd.grad([scores[0, target]], [input])[0];
        var weights = gradient.mean(Positions, keepdim: true);
        var cam = nn.functional.relu((weights * input).sum(1, keepdim: true)).detach();
        var size = image.shape[2];
        var upsampled = nn.functional.interpolate(cam, [size, image.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        var peak = upsampled.max();
        var scaled = peak.item<float>() > 0 ? upsampled / peak : upsampled;
        return new HeatMap(target, (int)size, scaled.flatten().data<float>().ToArray());
    }
}

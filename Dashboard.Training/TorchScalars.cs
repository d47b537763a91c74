using TorchSharp;

namespace Dashboard.Training;

/// <summary>
/// Scalars that live as long as the process. TorchSharp turns a bare number into a new <see cref="Scalar"/> that
/// nobody disposes (also the implicit alpha = 1 of <c>a + b</c> and <c>add_(t)</c>); the garbage collector may
/// finalize it while libtorch is still reading it. Pass these instead of 1 in training code.
/// </summary>
public static class TorchScalars
{
    public static readonly Scalar One = 1.ToScalar();
}

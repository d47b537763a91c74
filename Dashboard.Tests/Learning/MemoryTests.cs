using Dashboard.Training.Learning;
using TorchSharp;

namespace Dashboard.Tests.Learning;

public class MemoryTests
{
    /// <summary>
    /// Counted on this thread: every tensor the fits create and do not free lands in the dispose scope around them
    /// (libtorch's process-wide count would also see other threads' tensors).
    /// </summary>
    [Fact]
    public void Two_hundred_training_batches_leave_no_tensor_behind()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.01));
        int batchesPerEpoch = f.Data.Train(true).BatchesPerEpoch;

        using var scope = torch.NewDisposeScope();
        f.Learner.Fit(new FitRequest(0.01, cycles: (200 + batchesPerEpoch - 1) / batchesPerEpoch));
        f.Learner.Validate();

        Assert.Equal(0, scope.DisposablesCount);
    }

    [Fact]
    public void The_count_sees_a_tensor_a_fit_would_leak()
    {
        using var scope = torch.NewDisposeScope();
        var leaked = torch.zeros(3);

        Assert.Equal(1, scope.DisposablesCount);
    }
}

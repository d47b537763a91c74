using Dashboard.Training.Learning;
using TorchSharp;

namespace Dashboard.Tests.Learning;

public class MemoryTests
{
    [Fact]
    public void Two_hundred_training_batches_leave_the_native_tensor_count_flat()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.01));
        long afterWarmUp = torch.Tensor.TotalCount;

        int batchesPerEpoch = f.Data.Train(true).BatchesPerEpoch;
        f.Learner.Fit(new FitRequest(0.01, cycles: (200 + batchesPerEpoch - 1) / batchesPerEpoch));

        long growth = torch.Tensor.TotalCount - afterWarmUp;
        Assert.True(growth <= 0, $"{growth} tensors more than after the first epoch");
    }
}

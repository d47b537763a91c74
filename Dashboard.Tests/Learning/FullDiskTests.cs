using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

/// <summary>
/// A save onto a really full disk: a tmpfs mounted with room for one checkpoint and a half, so the second save's
/// temporary file cannot be written. Mounting needs root: CI runs as root; elsewhere the test is skipped.
/// </summary>
public sealed class FullDiskTests
{
    [SkippableFact]
    public void Saving_onto_a_full_disk_fails_with_the_reason_and_keeps_the_previous_checkpoint()
    {
        using var f = new LearnerFixture();
        var checkpointBytes = new FileInfo(f.Learner.Save("probe")).Length;
        using var disk = SmallDisk.TryMount(checkpointBytes * 3 / 2);
        Preconditions.Require(disk is not null, "mounting a tmpfs needs root");
        using var learner = new Learner(new TinyBackbone(), f.Data, f.Options with { ModelsFolder = disk!.Path }, f.Events);
        var path = learner.Save("keep");
        var original = File.ReadAllBytes(path);
        learner.Fit(new FitRequest(0.05)); // other weights, so a torn file would differ

        var error = Assert.Throws<IOException>(() => learner.Save("keep"));

        Assert.Contains("No space left on device", error.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(disk.Path));
        learner.Load("keep");
    }
}

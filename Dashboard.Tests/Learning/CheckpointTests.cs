using Dashboard.Training.Events;
using Dashboard.Training.Learning;

namespace Dashboard.Tests.Learning;

public class CheckpointTests
{
    [Fact]
    public void Save_then_load_restores_the_weights_exactly()
    {
        using var f = new LearnerFixture();
        f.Learner.Fit(new FitRequest(0.05));
        var saved = Weights.Of(f.Learner.Model);
        var path = f.Learner.Save("224_lastlayer");
        f.Learner.Unfreeze();
        f.Learner.Fit(new FitRequest(0.05));
        Assert.NotEqual(saved["head.fc2.weight"], Weights.Of(f.Learner.Model)["head.fc2.weight"]);

        f.Learner.Load("224_lastlayer");

        var loaded = Weights.Of(f.Learner.Model);
        Assert.All(saved.Keys, k => Assert.Equal(saved[k], loaded[k]));
        Assert.Equal(Path.Combine(f.Options.ModelsFolder, "224_lastlayer.ckpt"), path);
        Assert.Empty(Directory.GetFiles(f.Options.ModelsFolder, "*.tmp"));
        Assert.Single(f.Events.Events.OfType<Saved>());
        Assert.Single(f.Events.Events.OfType<Loaded>());
    }

    [Fact]
    public void Loading_into_a_learner_with_other_classes_fails_clearly()
    {
        using var threeClasses = new LearnerFixture(classes: 3);
        threeClasses.Learner.Save("three");
        using var fourClasses = new LearnerFixture(classes: 4);
        File.Copy(Path.Combine(threeClasses.Options.ModelsFolder, "three.ckpt"), Path.Combine(Directory.CreateDirectory(fourClasses.Options.ModelsFolder).FullName, "three.ckpt"));
        var before = Weights.Of(fourClasses.Learner.Model);

        var error = Assert.Throws<InvalidOperationException>(() => fourClasses.Learner.Load("three"));

        Assert.Contains("class0, class1, class2]", error.Message);
        Assert.Equal(before["head.fc2.weight"], Weights.Of(fourClasses.Learner.Model)["head.fc2.weight"]);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Unsafe_checkpoint_names_are_rejected(string name)
    {
        using var f = new LearnerFixture();
        Assert.Throws<ArgumentException>(() => f.Learner.Save(name));
    }

    [Theory]
    [InlineData(12)]   // inside the header
    [InlineData(-100)] // inside the weights
    public void A_truncated_checkpoint_is_reported_not_loaded(int keepBytes)
    {
        using var f = new LearnerFixture();
        var path = f.Learner.Save("whole");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keepBytes > 0 ? keepBytes : bytes.Length + keepBytes)]);

        var error = Assert.Throws<InvalidDataException>(() => f.Learner.Load("whole"));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_checkpoint_intact()
    {
        using var f = new LearnerFixture();
        var path = f.Learner.Save("keep");
        var original = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => Dashboard.Training.AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("No space left on device");
        }));

        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(f.Options.ModelsFolder));
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Training.Events;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Training.Learning;

/// <summary>
/// The frozen body's pooled activations for the training and validation sets, computed once (body in eval mode,
/// no augmentation) and cached on disk under a key of dataset, image size, architecture and body weights.
/// </summary>
public sealed class PrecomputedActivations : IDisposable
{
    public const string Note = "Training the head on precomputed activations: data augmentation is not applied.";

    private readonly Tensor trainFeatures, trainTargets, validFeatures, validTargets;

    private PrecomputedActivations(Tensor[] tensors, int batchSize, int seed)
    {
        (trainFeatures, trainTargets, validFeatures, validTargets) = (tensors[0], tensors[1], tensors[2], tensors[3]);
        Train = new TensorBatchSource(trainFeatures, trainTargets, batchSize, shuffle: true, seed);
        Valid = new TensorBatchSource(validFeatures, validTargets, batchSize, shuffle: false, seed);
    }

    public IBatchSource Train { get; }
    public IBatchSource Valid { get; }

    internal static PrecomputedActivations Create(Learner learner, CancellationToken cancellation, out PrecomputeCompleted completed)
    {
        var clock = Stopwatch.StartNew();
        var path = CachePath(learner);
        bool fromCache = File.Exists(path);
        var tensors = fromCache ? ActivationFile.Read(path) : Compute(learner, path, cancellation);
        var result = new PrecomputedActivations(tensors, learner.Data.BatchSize, learner.Options.Seed);
        completed = new PrecomputeCompleted((int)tensors[1].shape[0], (int)tensors[3].shape[0], clock.Elapsed.TotalSeconds, fromCache, Note);
        return result;
    }

    private static Tensor[] Compute(Learner learner, string path, CancellationToken cancellation)
    {
        var (train, valid) = (learner.Data.TrainInOrder(), learner.Data.Valid());
        var progress = new PhaseReporter(learner.Events, "precompute", train.BatchesPerEpoch + valid.BatchesPerEpoch);
        var (trainX, trainY) = Activations(learner, train, progress, cancellation);
        var (validX, validY) = Activations(learner, valid, progress, cancellation);
        Tensor[] tensors = [trainX, trainY, validX, validY];
        ActivationFile.Write(path, tensors);
        return tensors;
    }

    private static (Tensor Features, Tensor Targets) Activations(Learner learner, IBatchSource source, PhaseReporter progress, CancellationToken cancellation)
    {
        learner.Model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var features = new List<Tensor>();
        var targets = new List<Tensor>();
        foreach (var batch in source.Epoch(0, cancellation))
        {
            using var owned = batch;
            features.Add(learner.InPrecision(() => learner.Model.PooledFeatures(owned.Inputs.to(learner.Device))).cpu());
            targets.Add(owned.Targets.cpu().clone());
            progress.Step();
        }
        return (cat(features, 0).MoveToOuterDisposeScope(), cat(targets, 0).MoveToOuterDisposeScope());
    }

    private static string CachePath(Learner learner)
    {
        // bf16 features differ from fp32's in the third digit: a cache is per precision, so a recipe gives the same result cold or warm.
        var key = $"{learner.Data.CacheKey}|{learner.Model.Body.Architecture}|{BodyFingerprint(learner.Model.Body)}|{learner.Precision}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24].ToLowerInvariant();
        return Path.Combine(learner.Options.ActivationCacheFolder, $"{learner.Model.Body.Architecture}-{hash}.activations");
    }

    /// <summary>A hash of the body's weights, so a cache never outlives a change of the body.</summary>
    private static string BodyFingerprint(nn.Module body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in body.state_dict())
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            using var cpu = tensor.detach().cpu().contiguous();
            hash.AppendData(cpu.bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        trainFeatures.Dispose();
        trainTargets.Dispose();
        validFeatures.Dispose();
        validTargets.Dispose();
    }
}

using System.Text;
using Dashboard.Training.Models;
using Dashboard.Training.Models.ResNet;

namespace Dashboard.Training.Learning;

/// <summary>
/// A checkpoint opened on its own, as fastai's <c>load_learner</c>: the classifier rebuilt from what the file records
/// (architecture, layout, classes, normalisation) with its weights, in eval mode; no dataset and no pretrained file needed.
/// </summary>
public sealed class SavedClassifier : IDisposable
{
    private SavedClassifier(TransferModel model, CheckpointInfo info) => (Model, Info) = (model, info);

    public TransferModel Model { get; }

    public CheckpointInfo Info { get; }

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a checkpoint, incomplete, or from before normalisation was recorded.</exception>
    public static SavedClassifier Open(string path, HeadOptions? head = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}", path);
        CheckpointInfo info;
        using (var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8)) info = Checkpoints.ReadInfo(reader, path);
        if (!ResNetLayout.Torchvision.ContainsKey(info.Architecture))
            throw new InvalidDataException($"{path} holds {info.Architecture} weights; only ResNet ({string.Join(", ", ResNetLayout.Torchvision.Keys)}) checkpoints reopen on their own.");
        if (info.Normalisation is not { } normalisation || info.Layout is not { } layout)
            throw new InvalidDataException($"{path} was saved before checkpoints recorded their body's layout and input normalisation; load it into its run's learner and save it again.");
        var model = new TransferModel(new RestoredResNet(layout, normalisation), info.Classes.Count, head ?? new HeadOptions());
        try
        {
            Checkpoints.Load(path, model, info.Classes, info.Architecture);
            model.eval();
            return new SavedClassifier(model, info);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model.Dispose();
}

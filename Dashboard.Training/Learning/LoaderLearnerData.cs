using Dashboard.Training.Data;
using Dashboard.Training.Data.Augment;
using Dashboard.Training.Recipes;

namespace Dashboard.Training.Learning;

/// <summary>A <see cref="DataBunch"/> served to the learner through <see cref="DataLoader"/>s (images, augmentation, prefetch).</summary>
public sealed class LoaderLearnerData : ILearnerData
{
    private readonly DataBunch bunch;
    private readonly RecipeData settings;
    private readonly int seed;
    private readonly int decodeThreads;
    private readonly ResizeCache? resizeCache;
    /// <summary>Each loader's failures (not the loaders: their batch buffers are freed with them).</summary>
    private readonly List<IReadOnlyCollection<SkippedFile>> failures = [];
    private LoaderBatchSource? plainValid;

    /// <param name="decodeThreads">Threads decoding and augmenting images; null keeps <see cref="LoaderOptions.DecodeThreads"/>'s default.</param>
    /// <param name="resizeCache">Shrunk copies of large images (<see cref="LoaderOptions.ResizeCache"/>); null: none.</param>
    public LoaderLearnerData(DataBunch bunch, RecipeData settings, int seed, int? decodeThreads = null, ResizeCache? resizeCache = null)
    {
        if (bunch.Train.Count == 0) throw new DatasetException(bunch.Source, "The dataset has no training images");
        if (bunch.Valid.Count == 0) throw new DatasetException(bunch.Source, "The dataset has no validation images");
        (this.bunch, this.settings, this.seed) = (bunch, settings, seed);
        this.decodeThreads = decodeThreads ?? new LoaderOptions().DecodeThreads;
        this.resizeCache = resizeCache;
        CacheKey = $"{Path.GetFullPath(bunch.Source == DemoDataset.Name ? DemoDataset.Path : bunch.Source)}|{bunch.Train.Count}|{bunch.Valid.Count}|{settings.Size}";
    }

    /// <summary>Opens the recipe's dataset by path ("demo", a folder, a CSV file or an IDX folder).</summary>
    public static LoaderLearnerData Open(RecipeData settings, int seed) => Open(settings, seed, resizeCache: null);

    /// <summary>As <see cref="Open(RecipeData, int)"/>, large images read through <paramref name="resizeCache"/>.</summary>
    public static LoaderLearnerData Open(RecipeData settings, int seed, ResizeCache? resizeCache) =>
        new(DatasetLocator.Open(settings.Path), settings, seed, resizeCache: resizeCache);

    public DataBunch Bunch => bunch;
    public IReadOnlyList<string> Classes => bunch.Classes;
    public string CacheKey { get; }
    public int BatchSize => settings.BatchSize;

    public int? ImageSize => settings.Size;

    public AugmentationSetting TrainAugmentation => new(settings.Augment, settings.MaxZoom);

    public IBatchSource Train(bool augment) => Source(bunch.Train, shuffle: true, augment ? Augmentation() : AugmentationOptions.None(), seed);

    public IBatchSource TrainInOrder() => Source(bunch.Train, shuffle: false, AugmentationOptions.None(), seed);

    /// <summary>Plain validation batches come from one loader, kept (with its batch buffers) from epoch to epoch.</summary>
    public IBatchSource Valid(int? augmentationSeed = null) => augmentationSeed is int tta
        ? Source(bunch.Valid, shuffle: false, Augmentation(), tta)
        : plainValid ??= Source(bunch.Valid, shuffle: false, AugmentationOptions.None(), seed);

    public string DescribeValidItem(int index) => bunch.Valid[index].Name;

    /// <summary>The failures of every loader this data made, each file once.</summary>
    public LoaderProblems Problems()
    {
        lock (failures)
        {
            var skipped = failures.SelectMany(loader => loader).DistinctBy(file => file.Path).ToList();
            return new LoaderProblems(skipped, resizeCache?.Problem);
        }
    }

    /// <summary>The recipe's augmentation; "none" still gives the plain transform.</summary>
    public AugmentationOptions Augmentation() => AugmentationOptions.FromName(settings.Augment, settings.MaxZoom);

    private LoaderBatchSource Source(IReadOnlyList<DataItem> items, bool shuffle, AugmentationOptions augmentation, int loaderSeed)
    {
        var loader = new DataLoader(items, new LoaderOptions
        {
            Size = settings.Size, BatchSize = settings.BatchSize, Shuffle = shuffle, Seed = loaderSeed, Augmentation = augmentation,
            DecodeThreads = decodeThreads, ResizeCache = resizeCache,
        });
        lock (failures) failures.Add(loader.LoadFailures);
        return new LoaderBatchSource(loader);
    }

    private sealed class LoaderBatchSource(DataLoader loader) : IBatchSource
    {
        public int ItemCount => loader.Count;
        public int BatchesPerEpoch => loader.BatchesPerEpoch;

        public IEnumerable<LabeledBatch> Epoch(int epoch, CancellationToken cancellation)
        {
            foreach (var batch in loader.Epoch(epoch, cancellation))
                yield return new LabeledBatch(batch.Images, batch.Labels);
        }
    }
}

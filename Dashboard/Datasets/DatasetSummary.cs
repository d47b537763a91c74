using Dashboard.Training.Data;

namespace Dashboard.Datasets;

/// <summary>One image of a dataset, addressed the way the image endpoint addresses it.</summary>
public sealed record SampleImage(string Split, int Index, string Name);

public sealed record ClassSummary(string Name, int Train, int Valid, int Test, IReadOnlyList<SampleImage> Samples);

/// <summary>What the datasets page shows about a dataset: counts per class and split, skipped files, samples.</summary>
public sealed record DatasetSummary(DatasetEntry Entry, IReadOnlyList<ClassSummary> Classes, int Train, int Valid, int? Test, IReadOnlyList<SkippedFile> Skipped)
{
    public static DatasetSummary From(DatasetEntry entry, DataBunch bunch, int samplesPerClass = 4)
    {
        var classes = bunch.Classes.Select((name, label) => new ClassSummary(
            name,
            bunch.Train.Count(item => item.Label == label),
            bunch.Valid.Count(item => item.Label == label),
            bunch.Test?.Count(item => item.Label == label) ?? 0,
            bunch.Train.Select((item, index) => (item, index)).Where(x => x.item.Label == label).Take(samplesPerClass)
                .Select(x => new SampleImage("train", x.index, x.item.Name)).ToArray())).ToArray();
        return new DatasetSummary(entry, classes, bunch.Train.Count, bunch.Valid.Count, bunch.Test?.Count, bunch.Skipped);
    }
}

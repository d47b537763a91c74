namespace DemoDatasetMaker;

/// <summary>One picked image: the class it belongs to, its number within the class, and its index in the source file.</summary>
public sealed record PickedImage(int Label, int Number, int SourceIndex);

/// <summary>The deterministic rule: for each class, the first <c>perClass</c> images of that class in file order.</summary>
public static class DemoSubset
{
    public static IReadOnlyList<PickedImage> FirstPerClass(byte[] labels, int classCount, int perClass)
    {
        var picked = new List<PickedImage>();
        var taken = new int[classCount];
        for (var index = 0; index < labels.Length; index++)
        {
            var label = labels[index];
            if (taken[label] == perClass) continue;
            picked.Add(new PickedImage(label, taken[label], index));
            taken[label]++;
        }
        var shortClass = Array.FindIndex(taken, count => count < perClass);
        if (shortClass >= 0) throw new InvalidOperationException($"Class {shortClass} has only {taken[shortClass]} images, {perClass} wanted.");
        return picked.OrderBy(p => p.Label).ThenBy(p => p.Number).ToList();
    }
}

using Dashboard.Training.Data.Idx;
using DemoDatasetMaker;

// Writes the demo dataset: see DemoReadme for the rule, scripts/make-demo-dataset.sh for the call.
var options = MakerOptions.Parse(args);
var files = IdxFileSet.In(options.Source);
if (Directory.Exists(options.Output))
{
    foreach (var split in new[] { "train", "valid" })
        if (Directory.Exists(Path.Combine(options.Output, split))) Directory.Delete(Path.Combine(options.Output, split), recursive: true);
}
Directory.CreateDirectory(options.Output);

var sources = new List<string> { "file,source_file,source_index" };
sources.AddRange(WriteSplit("train", files.TrainImages, files.TrainLabels, options.TrainPerClass));
sources.AddRange(WriteSplit("valid", files.TestImages, files.TestLabels, options.ValidPerClass));
File.WriteAllLines(Path.Combine(options.Output, "sources.csv"), sources);
File.WriteAllText(Path.Combine(options.Output, "README.md"),
    DemoReadme.Text(options, [files.TrainImages, files.TrainLabels, files.TestImages, files.TestLabels]));
Console.WriteLine($"Wrote {sources.Count - 1} images to {options.Output}");

IEnumerable<string> WriteSplit(string split, string imagesPath, string labelsPath, int perClass)
{
    var labels = IdxReader.ReadLabels(labelsPath);
    var picked = DemoSubset.FirstPerClass(labels, FashionMnist.ClassNames.Count, perClass);
    var images = IdxReader.ReadImages(imagesPath, picked.Max(p => p.SourceIndex) + 1);
    return DemoWriter.WriteSplit(options.Output, split, images, picked).ToList();
}

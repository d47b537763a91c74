using System.Security.Cryptography;
using Dashboard.Training.Data.Idx;

namespace DemoDatasetMaker;

/// <summary>The demo folder's README: where the images came from, which were taken, how to regenerate, the licence.</summary>
public static class DemoReadme
{
    public static string Text(MakerOptions options, IReadOnlyList<string> sourceFiles)
    {
        var classes = string.Join("\n", FashionMnist.ClassNames.Select((name, label) => $"| {label} | {FashionMnist.DisplayNames[label]} | `{name}` |"));
        var checksums = string.Join("\n", sourceFiles.Select(path => $"    {Sha256(path)}  {Path.GetFileName(path)}"));
        return $"""
            # Fashion-MNIST demo subset

            A small class-folder subset of [Fashion-MNIST](https://github.com/zalandoresearch/fashion-mnist)
            (Zalando Research): 10 classes, {options.TrainPerClass} training and {options.ValidPerClass} validation images per class,
            28×28 8-bit grayscale PNG, laid out as `train/<class>/NNNN.png` and `valid/<class>/NNNN.png`.
            It is the dashboard's built-in dataset (`demo`), small enough to train on a laptop CPU in minutes.

            ## Provenance
            - Source: the Debian package `dataset-fashion-mnist` (version {options.PackageVersion}), gzipped IDX files in
              `{options.Source}`. SHA-256 of the files read:

            {checksums}

            - `train/`: for each class, the first {options.TrainPerClass} images of that class in `train-images-idx3-ubyte.gz`, in file order.
            - `valid/`: for each class, the first {options.ValidPerClass} images of that class in `t10k-images-idx3-ubyte.gz` (the test set), in file order.
            - `NNNN` numbers the images within their class in that order; `sources.csv` maps every PNG to its file and index.

            | label | Fashion-MNIST name | folder |
            |---|---|---|
            {classes}

            ## Regenerate
            From the repository root, with the Debian package installed (`apt-get install dataset-fashion-mnist`):

                bash scripts/make-demo-dataset.sh

            The output is deterministic: the same package gives byte-identical PNGs.

            ## Licence
            Fashion-MNIST is released under the MIT licence (called "Expat" by Debian). The package's copyright file,
            `{options.CopyrightFile}`, verbatim:

            ```
            {File.ReadAllText(options.CopyrightFile).TrimEnd()}
            ```

            """;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

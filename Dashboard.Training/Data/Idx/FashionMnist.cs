namespace Dashboard.Training.Data.Idx;

/// <summary>Fashion-MNIST (Zalando, MIT licence): 28×28 grayscale, 10 classes, 60,000 train and 10,000 test images.</summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the gzipped IDX files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>File-system-safe class names, indexed by the dataset's own label (0 = T-shirt/top … 9 = Ankle boot).</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["tshirt_top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot"];

    /// <summary>The names as the dataset's authors write them, indexed like <see cref="ClassNames"/>.</summary>
    public static readonly IReadOnlyList<string> DisplayNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}

using System.Globalization;

namespace Dashboard.Api;

/// <summary>URLs of the image endpoints, built in one place so pages and endpoints agree.</summary>
public static class ImageUrls
{
    public static string Item(string dataset, string split, int index, int size) =>
        $"/api/datasets/image?dataset={Escape(dataset)}&split={split}&index={index}&size={size}";

    public static string Augmented(string dataset, string split, int index, string preset, double maxZoom, int seed, int k, int n, int size) =>
        $"/api/datasets/augment?dataset={Escape(dataset)}&split={split}&index={index}&preset={preset}"
        + $"&maxZoom={maxZoom.ToString(CultureInfo.InvariantCulture)}&seed={seed}&k={k}&n={n}&size={size}";

    public static string File(string path, int size) => $"/api/images/file?path={Escape(path)}&size={size}";

    private static string Escape(string value) => Uri.EscapeDataString(value);
}

using SkiaSharp;

namespace Dashboard.Training.Data.Idx;

/// <summary>One image of a <see cref="GrayImageSet"/>; loading repeats its gray value into R, G and B.</summary>
public sealed record InMemoryImageSource(GrayImageSet Set, int Index) : ImageSource
{
    public override string Name => $"{Set.Name}[{Index}]";

    public override SKBitmap Load(int minShorterSide = 0, long maxPixels = LoaderOptions.DefaultMaxPixels) =>
        ImageDecoder.FromGray(Set.Pixels(Index), Set.Columns, Set.Rows);
}

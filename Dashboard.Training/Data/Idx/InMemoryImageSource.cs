using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dashboard.Training.Data.Idx;

/// <summary>One image of a <see cref="GrayImageSet"/>; loading repeats its gray value into R, G and B.</summary>
public sealed record InMemoryImageSource(GrayImageSet Set, int Index) : ImageSource
{
    public override string Name => $"{Set.Name}[{Index}]";

    public override Image<Rgb24> Load(Configuration? configuration = null)
    {
        var image = new Image<Rgb24>(configuration ?? Configuration.Default, Set.Columns, Set.Rows);
        var (set, index, columns) = (Set, Index, Set.Columns);
        image.ProcessPixelRows(accessor =>
        {
            var gray = set.Pixels(index);
            for (var y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var source = gray.Slice(y * columns, columns);
                for (var x = 0; x < columns; x++) row[x] = new Rgb24(source[x], source[x], source[x]);
            }
        });
        return image;
    }
}

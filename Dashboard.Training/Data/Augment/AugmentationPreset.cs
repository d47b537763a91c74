namespace Dashboard.Training.Data.Augment;

/// <summary>fastai's augmentation families, named in settings as <c>none</c>, <c>side_on</c> and <c>top_down</c>.</summary>
public enum AugmentationPreset
{
    /// <summary>No augmentation: the validation transform (resize the shorter side, centre crop).</summary>
    None,

    /// <summary>Photos taken from the side: random horizontal flip, small rotation, zoom, lighting.</summary>
    SideOn,

    /// <summary>Photos taken from above (satellite, microscopy): side-on plus vertical flips and quarter turns.</summary>
    TopDown,
}

public static class AugmentationPresetNames
{
    public const string None = "none";
    public const string SideOn = "side_on";
    public const string TopDown = "top_down";

    public static string NameOf(AugmentationPreset preset) => preset switch
    {
        AugmentationPreset.SideOn => SideOn,
        AugmentationPreset.TopDown => TopDown,
        _ => None,
    };

    public static AugmentationPreset Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        None => AugmentationPreset.None,
        SideOn or "sideon" => AugmentationPreset.SideOn,
        TopDown or "topdown" => AugmentationPreset.TopDown,
        _ => throw new ArgumentException($"Augmentation '{name}' is not one of {None}, {SideOn}, {TopDown}.", nameof(name)),
    };
}

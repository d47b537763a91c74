namespace Dashboard.Training.Data;

/// <summary>
/// One image and its class: <see cref="Label"/> indexes <see cref="DataBunch.Classes"/>.
/// Test items have no class and carry <see cref="Unlabelled"/>.
/// </summary>
public sealed record DataItem(ImageSource Source, int Label)
{
    public const int Unlabelled = -1;

    public bool IsLabelled => Label != Unlabelled;

    public string Name => Source.Name;
}

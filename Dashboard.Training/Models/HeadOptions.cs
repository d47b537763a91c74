namespace Dashboard.Training.Models;

/// <summary>Shape of the new classifier head (fastai's defaults: one hidden layer of 512, dropout 0.25 then 0.5).</summary>
public sealed record HeadOptions
{
    public int HiddenUnits { get; init; } = 512;
    public double FirstDropout { get; init; } = 0.25;
    public double SecondDropout { get; init; } = 0.5;
}

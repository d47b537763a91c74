namespace Dashboard.Training.Events;

/// <summary>
/// The training process over the last sample interval: CPU (100 % = every core busy), resident memory, training images
/// per second, and the share of the time the fit loop waited for the data loader's next batch.
/// </summary>
public sealed record SystemSampled(double CpuPercent, long ResidentBytes, double ImagesPerSecond, double DataWaitPercent) : TrainingEvent;

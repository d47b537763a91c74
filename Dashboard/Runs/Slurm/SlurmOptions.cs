using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runs.Slurm;

/// <summary>How the <c>slurm</c> executor submits runs; bound to "Dashboard:Slurm". Empty values leave Slurm's defaults.</summary>
public sealed class SlurmOptions
{
    public const string SectionName = "Dashboard:Slurm";

    /// <summary>The folder of <c>sbatch</c>, <c>scancel</c> and <c>scontrol</c>, e.g. <c>/opt/slurm/bin</c>; empty: found on PATH.</summary>
    public string? CommandsFolder { get; set; }

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; set; }

    /// <summary><c>--gres</c>, e.g. <c>gpu:1</c>.</summary>
    public string? Gres { get; set; }

    /// <summary><c>--time</c>, in Slurm's formats, e.g. <c>1-00:00:00</c> or <c>90</c> (minutes).</summary>
    public string? TimeLimit { get; set; }

    /// <summary>Further <c>sbatch</c> options, one per item, e.g. <c>--cpus-per-task=8</c>, <c>--account=lab</c>.</summary>
    public List<string> ExtraOptions { get; set; } = [];

    /// <summary>The job name is this prefix and the run id.</summary>
    [Required(AllowEmptyStrings = false)]
    public string JobNamePrefix { get; set; } = "dashboard-";

    /// <summary>Runs submitted at once; Slurm decides when each starts.</summary>
    [Range(1, 10_000)]
    public int MaxJobs { get; set; } = 16;

    /// <summary>Seconds between looks at a job's state (<c>scontrol show job</c>).</summary>
    [Range(0.1, 600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>Seconds a job may take to leave the queue after its worker reported the run's end.</summary>
    [Range(1, 3600)]
    public int ExitAfterEndSeconds { get; set; } = 60;
}

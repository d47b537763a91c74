using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Tests.Cli;

/// <summary><c>run RECIPE.json --out RESULT.json</c> as a real process: exit codes, messages on stderr, the result file.</summary>
public sealed class RecipeCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cli-run-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void A_valid_recipe_trains_exits_0_and_writes_the_result()
    {
        var output = Path.Combine(folder.FullName, "result.json");

        var (exit, stdout, stderr) = Run("""
            { "data": { "path": "demo", "size": 16, "batchSize": 128 }, "arch": "resnet18", "precompute": true, "seed": 0,
              "steps": [ {"fit": {"lr": 0.01, "cycles": 2, "saveBest": "best"}} ] }
            """, "--out", output);

        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain('\u001b', stdout); // stdout is a pipe here: plain lines, no live display
        Assert.Equal(2, stdout.Split('\n').Count(line => line.StartsWith("epoch ", StringComparison.Ordinal)));
        Assert.Contains("| train loss |", stdout); // the closing table
        using var result = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(2, result.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.InRange(result.RootElement.GetProperty("final").GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.Equal("best", result.RootElement.GetProperty("best")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void An_invalid_recipe_exits_2_naming_the_field_and_writes_nothing()
    {
        var output = Path.Combine(folder.FullName, "result.json");

        var (exit, _, stderr) = Run("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":-1}}]}""", "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains("$.steps[0].fit.lr", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_run_that_fails_exits_1_with_the_reason()
    {
        var missing = Path.Combine(folder.FullName, "no-such-dataset");

        var (exit, _, stderr) = Run($$$"""{"data":{"path":"{{{missing}}}"},"steps":[{"fit":{"lr":0.01}}]}""");

        Assert.Equal(1, exit);
        Assert.Contains(missing, stderr);
    }

    [Theory]
    [InlineData(null, 8)]
    [InlineData("0", 0)]
    public void Large_photos_get_smaller_copies_in_the_data_folder_unless_the_dashboards_resize_cache_setting_is_0(string? megabytes, int copies)
    {
        var photos = Path.Combine(folder.FullName, "photos");
        for (var i = 0; i < 8; i++)
        {
            var file = Path.Combine(photos, i < 4 ? "train" : "valid", i % 2 == 0 ? "cat" : "dog", $"{i}.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            Data.TestImages.NoiseJpeg(file, 400, 300, seed: i); // 300 px is over twice what a 32 px crop needs
        }

        var (exit, _, stderr) = Run($$$"""{"data":{"path":"{{{photos}}}","size":32,"batchSize":4},"seed":0,"steps":[{"fit":{"lr":0.01}}]}""",
            megabytes is null ? [] : [$"--Dashboard:ResizeCacheMegabytes={megabytes}"]);

        Assert.True(exit == 0, stderr);
        var resized = Path.Combine(folder.FullName, "resized");
        Assert.Equal(copies, Directory.Exists(resized) ? Directory.GetFiles(resized, "*.jpg", SearchOption.AllDirectories).Length : 0);
    }

    [SkippableFact]
    public void A_full_disk_exits_1_naming_the_file_it_could_not_write()
    {
        using var disk = Learning.SmallDisk.TryMount(1024 * 1024); // room for the run's small files, not a ResNet-18 checkpoint
        Preconditions.Require(disk is not null, "mounting a tmpfs needs root");

        var (exit, _, stderr) = Run("""
            { "data": { "path": "demo", "size": 16, "batchSize": 128 }, "arch": "resnet18", "precompute": true, "seed": 0,
              "steps": [ {"fit": {"lr": 0.01}}, {"save": "stage1"} ] }
            """, $"--Dashboard:DataFolder={disk!.Path}");

        Assert.Equal(1, exit);
        Assert.Contains("No space left on device", stderr);
        Assert.Contains(disk.Path, stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    private (int Exit, string Stdout, string Stderr) Run(string recipe, params string[] options)
    {
        var recipePath = Path.Combine(folder.FullName, "recipe.json");
        File.WriteAllText(recipePath, recipe);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"), "run", recipePath, $"--Dashboard:DataFolder={folder.FullName}" }.Concat(options))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(entireProcessTree: true); throw new TimeoutException("the run command did not end"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

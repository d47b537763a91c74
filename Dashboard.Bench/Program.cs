Environment.ExitCode = await Dashboard.Bench.BenchCommandLine.InvokeAsync(args);

using Dashboard.Bench;
using Dashboard.Bench.Load;
using Dashboard.Bench.Soak;

Environment.ExitCode = args.FirstOrDefault() switch
{
    "bench" => BenchCommand.Run(args[1..]),
    "load" => await LoadCommand.RunAsync(args[1..]),
    "soak" => SoakCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project Dashboard.Bench -- bench|load|soak [options]");
    return 2;
}

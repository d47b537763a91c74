using Dashboard;

if (await CommandLine.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDashboard(builder.Configuration);

var app = builder.Build();
app.UseDashboard();
app.Run();

/// <summary>Entry point type, visible to tests that host the app.</summary>
public partial class Program;

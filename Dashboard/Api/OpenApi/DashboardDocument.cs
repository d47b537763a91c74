using System.Reflection;
using System.Text.Json.Nodes;
using Dashboard.Auth;
using Dashboard.Runs;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>
/// What the generated document lacks: a title, a server URL without a trailing slash, tag descriptions, the sign-in
/// schemes (cookie for browsers, bearer token for scripts), the recipe schema, and <c>RunStatus</c> as an enum.
/// </summary>
public sealed class DashboardDocument : IOpenApiDocumentTransformer
{
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";
    public const string RunStatusSchema = "RunStatus";

    /// <summary>The cookie <see cref="AuthSetup"/> signs browsers in with (a test compares it with the one sign-in sets).</summary>
    public const string SignInCookie = "dashboard.auth";

    /// <summary>The schemas whose <c>status</c> is a run's status.</summary>
    private static readonly string[] WithRunStatus = ["RunSummary", "RunListItem", "SubmittedRun", "RunDetails", "TrainingEventRunEnded"];

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Runs", "Submit, list, follow, stop and resume training runs."),
        ("Recipes", "The recipe format as a JSON Schema."),
        ("Images", "Dataset images, augmented previews and files under the data roots, as PNG."),
        ("Models", "Checkpoints saved by runs."),
        ("Health", "Readiness for load balancers and systemd."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Transfer learning dashboard", Version = "1",
            Description = "Runs of fast.ai lesson-1 recipes on a shared server. Errors are RFC 7807 problem JSON. With sign-in on, send a "
                + "token from `issue-token` as `Authorization: Bearer TOKEN`, or the browser's sign-in cookie; with sign-in off (loopback only) no credentials are needed.",
        };
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = SignInCookie,
                Description = "The cookie set by signing in at /login (browsers).",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "A per-user API token from `dotnet run --project Dashboard -- issue-token USER` (scripts).",
            },
        };
        RecipeSchemaComponents.AddTo(document);
        AddRunStatus(document);
        return Task.CompletedTask;
    }

    private static void AddRunStatus(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas[RunStatusSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String, Description = "The life of a run: queued → running (→ stopping) → finished, failed, stopped or interrupted.",
            Enum = [.. Statuses().Select(s => (JsonNode)JsonValue.Create(s))],
        };
        foreach (var name in WithRunStatus)
            if (schemas.TryGetValue(name, out var schema) && schema.Properties is { } properties && properties.ContainsKey("status"))
                properties["status"] = new OpenApiSchemaReference(RunStatusSchema, document);
        if (schemas.TryGetValue(nameof(HealthEndpoint.HealthReport), out var health) && health.Properties?["status"] is OpenApiSchema healthStatus)
            healthStatus.Enum = [JsonValue.Create(HealthEndpoint.HealthReport.Ready), JsonValue.Create(HealthEndpoint.HealthReport.Starting)];
    }

    /// <summary>Every constant of <see cref="RunStatus"/>, so the enum cannot fall behind the code.</summary>
    public static IEnumerable<string> Statuses() =>
        typeof(RunStatus).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Api;
using Dashboard.Components.Recipes;
using Dashboard.Runs;
using Dashboard.Training.Recipes;
using Json.Schema;

namespace Dashboard.Tests.Server;

/// <summary>
/// The served OpenAPI document against the real server: what it says each operation takes and answers is what the
/// server does (the recipe body is the published schema, the status codes it documents are the ones it answers).
/// </summary>
public class OpenApiDocumentTests
{
    internal static async Task<JsonObject> DocumentAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();

    internal static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    private static IEnumerable<string> Statuses(JsonObject operation) => operation["responses"]!.AsObject().Select(r => r.Key);

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_a_tag_and_a_success_response()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var operations = Operations(await DocumentAsync(client)).ToArray();

        Assert.True(operations.Length >= 14, $"{operations.Length} operations");
        Assert.All(operations, op => Assert.False(string.IsNullOrWhiteSpace(op.Operation["operationId"]?.GetValue<string>()), $"{op.Method} {op.Path}"));
        Assert.Equal(operations.Length, operations.Select(op => op.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(operations, op => Assert.NotNull(op.Operation["summary"]));
        Assert.All(operations, op => Assert.NotEmpty(op.Operation["tags"]!.AsArray()));
        Assert.All(operations, op => Assert.Contains(Statuses(op.Operation), s => s.StartsWith('2')));
        Assert.Contains(operations, op => op.Path == HealthEndpoint.Path);
        Assert.DoesNotContain(operations, op => op.Path.StartsWith("/account") || op.Path == "/login");
    }

    [Fact]
    public async Task The_run_submission_takes_the_published_recipe_schema_which_the_server_serves_without_sign_in()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        using var anonymous = host.Client();
        var admin = host.Client();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", host.Get<Dashboard.Auth.UserStore>().IssueToken("admin"));
        var document = await DocumentAsync(admin);

        var body = document["paths"]!["/api/runs"]!["post"]!["requestBody"]!;
        Assert.True(body["required"]!.GetValue<bool>());
        Assert.Equal("#/components/schemas/Recipe", body["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        var schemas = document["components"]!["schemas"]!.AsObject();
        var published = RecipeSchema.Document();
        Assert.Equal(published["properties"]!.AsObject().Select(p => p.Key), schemas["Recipe"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(published["required"], schemas["Recipe"]!["required"]));
        foreach (var (name, definition) in published["$defs"]!.AsObject())
            Assert.True(schemas.ContainsKey(Api.OpenApi.RecipeSchemaComponents.ComponentName(name)), name);
        Assert.True(JsonNode.DeepEquals(published["$defs"]!["fit"]!["properties"]!["cycles"], schemas["RecipeFit"]!["properties"]!["cycles"]));
        Assert.True(JsonNode.DeepEquals(published["$defs"]!["learningRate"], schemas["RecipeLearningRate"]));

        var served = await anonymous.GetAsync(RecipeSchemaEndpoint.Path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(RecipeSchemaEndpoint.MediaType, served.Content.Headers.ContentType!.MediaType);
        var schema = JsonSchema.FromText(await served.Content.ReadAsStringAsync());
        Assert.True(schema.Evaluate(JsonDocument.Parse(RecipeDraftJson.ToJson(RecipePresets.Lesson1())).RootElement).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"data":{"path":"demo"},"steps":[{"fit":{"lr":0}}]}""").RootElement).IsValid);
    }

    [Fact]
    public async Task Run_status_is_one_enum_of_every_status_the_code_has_and_the_csv_and_images_have_their_media_types()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var document = await DocumentAsync(client);
        var schemas = document["components"]!["schemas"]!;

        var statuses = typeof(RunStatus).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(statuses, schemas["RunStatus"]!["enum"]!.AsArray().Select(s => s!.GetValue<string>()));
        foreach (var owner in new[] { "RunSummary", "RunListItem", "SubmittedRun", "RunDetails" })
            Assert.Equal("#/components/schemas/RunStatus", schemas[owner]!["properties"]!["status"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["ready", "starting"], schemas["HealthReport"]!["properties"]!["status"]!["enum"]!.AsArray().Select(s => s!.GetValue<string>()));
        var ok = (string path) => document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key);
        Assert.Equal(["text/csv"], ok("/api/runs/{id}/metrics.csv"));
        Assert.Equal(["text/csv"], ok("/api/runs/{id}/batches.csv"));
        Assert.Equal(["image/png"], ok("/api/datasets/image"));
        Assert.Equal(["application/octet-stream"], ok("/api/runs/{id}/models/{name}"));
        Assert.Equal(["application/octet-stream"], ok("/api/runs/{id}/export.onnx"));
        var run = host.Get<RunStore>().Create("csv", TinyRecipes.Quick); // stored only: the CSV has its header
        var csv = await client.GetAsync($"/api/runs/{run.Id}/metrics.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(RunStatus.Queued, (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{run.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_status_codes_the_server_answers_are_the_ones_documented()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var operations = Operations(await DocumentAsync(client)).ToDictionary(op => $"{op.Method} {op.Path}", op => op.Operation);

        async Task Answers(string operation, HttpStatusCode expected, Func<Task<HttpResponseMessage>> call)
        {
            var response = await call();
            Assert.True(expected == response.StatusCode, $"{operation}: {response.StatusCode}, expected {expected}");
            Assert.Contains(((int)expected).ToString(), Statuses(operations[operation]));
            if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        foreach (var (operation, op) in operations.Where(o => o.Key.Contains("{id}")))
        {
            var url = operation.Split(' ')[1].Replace("{id}", "no-such-run").Replace("{sequence}", "1").Replace("{index}", "0");
            await Answers(operation, HttpStatusCode.NotFound, () => operation.StartsWith("post") ? client.PostAsync(url, null) : client.GetAsync(url));
        }
        var stored = host.Get<RunStore>().Create("models", TinyRecipes.Quick);
        await Answers("get /api/runs/{id}/models/{name}", HttpStatusCode.NotFound, () => client.GetAsync($"/api/runs/{stored.Id}/models/never-saved"));
        await Answers("get /api/runs/{id}/models/{name}", HttpStatusCode.BadRequest, () => client.GetAsync($"/api/runs/{stored.Id}/models/.hidden"));
        await Answers("get /api/runs/{id}/export.onnx", HttpStatusCode.Conflict, () => client.GetAsync($"/api/runs/{stored.Id}/export.onnx"));
        await Answers("get /api/runs/{id}/export.onnx", HttpStatusCode.NotFound, () => client.GetAsync($"/api/runs/{stored.Id}/export.onnx?checkpoint=never-saved"));
        await Answers("get /api/datasets/image", HttpStatusCode.NotFound, () => client.GetAsync("/api/datasets/image?dataset=nope&index=0"));
        await Answers("get /api/datasets/image", HttpStatusCode.BadRequest, () => client.GetAsync("/api/datasets/image?dataset=demo&split=sideways&index=0"));
        await Answers("get /api/datasets/augment", HttpStatusCode.BadRequest, () => client.GetAsync("/api/datasets/augment?dataset=demo&index=0&k=9&n=2"));
        await Answers("get /api/images/file", HttpStatusCode.NotFound, () => client.GetAsync("/api/images/file?path=/etc/passwd"));
        await Answers("get /api/runs", HttpStatusCode.BadRequest, () => client.GetAsync("/api/runs?take=abc"));
        await Answers("get /api/runs/{id}/events", HttpStatusCode.BadRequest, () => client.GetAsync("/api/runs/x/events?after=abc"));
        await Answers("post /api/runs", HttpStatusCode.BadRequest, () => client.PostAsync("/api/runs", ApiWaits.Json("""{"data":{"path":"demo"},"steps":[]}""")));
        await Answers("post /api/runs", HttpStatusCode.UnsupportedMediaType, () => client.PostAsync("/api/runs", new StringContent(TinyRecipes.Quick, Encoding.UTF8, "text/plain")));
        await Answers("post /api/runs", HttpStatusCode.UnsupportedMediaType,
            () => client.PostAsync("/api/runs", new FormUrlEncodedContent(new Dictionary<string, string> { ["recipe"] = TinyRecipes.Quick })));
        await Answers("post /api/runs", HttpStatusCode.RequestEntityTooLarge, () => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = ApiWaits.Json(new string(' ', 31_000_000)), Headers = { ExpectContinue = true }, // Kestrel refuses by Content-Length before the body is sent
        }));
        await Answers("get /health", HttpStatusCode.OK, () => client.GetAsync(HealthEndpoint.Path));
        Assert.Contains("503", Statuses(operations["get /health"]));
        Assert.Equal([stored.Id], host.Get<RunStore>().List().Select(r => r.Id)); // no refused submission was stored
    }
}

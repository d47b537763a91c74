using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, made for client generators: the recipe schema, every response with
/// its schema and status codes, the two ways to sign in, an operationId on every operation, the run status as an enum.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddDashboardOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.ShouldInclude = description => description.RelativePath is { } path && (path.StartsWith("api/") || path == "health"); // not the sign-in pages
        o.CreateSchemaReferenceId = NameOf;
        o.AddSchemaTransformer(NumbersAreNumbers);
        o.AddDocumentTransformer<DashboardDocument>();
        o.AddOperationTransformer<OperationSecurity>();
    });

    /// <summary>
    /// A nested type named only <c>Item</c> takes its container's name (<c>RunList.Item</c> → <c>RunListItem</c>); a file
    /// (<see cref="Stream"/>, which the generator types as <see cref="IFormFile"/>) and the schema document (<see cref="JsonObject"/>) stay inline.
    /// </summary>
    private static string? NameOf(JsonTypeInfo type) => type.Type switch
    {
        { IsNested: true, Name: "Item", DeclaringType: { } container } => container.Name + "Item",
        var t when t == typeof(Stream) || t == typeof(IFormFile) || t == typeof(JsonObject) => null,
        _ => OpenApiOptions.CreateDefaultSchemaReferenceId(type),
    };

    /// <summary>
    /// The web JSON options read numbers from strings too, so the generator types every number "number or string"; the
    /// API only ever writes numbers (and reads no numbers in bodies: the recipe has its own schema), so it says number.
    /// </summary>
    private static Task NumbersAreNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Number | JsonSchemaType.Integer)) != 0 && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }
}

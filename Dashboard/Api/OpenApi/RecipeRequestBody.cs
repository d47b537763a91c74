using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>The run submission's body: a recipe, as the published schema (<see cref="RecipeSchemaComponents"/>) says.</summary>
public static class RecipeRequestBody
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"The recipe (JSON Schema: {RecipeSchemaEndpoint.Path}). Comments and trailing commas are allowed, as in recipe files.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(RecipeSchemaComponents.RootName, context.Document) },
            },
        };
        return Task.CompletedTask;
    }
}

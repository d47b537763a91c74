using Dashboard.Training.Recipes;

namespace Dashboard.Api;

/// <summary><c>GET /api/recipe.schema.json</c>: the recipe's JSON Schema, the one the parser checks every recipe against, for editors and clients.</summary>
public static class RecipeSchemaEndpoint
{
    public const string Path = "/api/recipe.schema.json";
    public const string MediaType = "application/schema+json";

    public static IEndpointRouteBuilder MapRecipeSchema(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, () => Results.Text(RecipeSchema.Text, MediaType))
            .WithName("GetRecipeSchema").WithTags("Recipes").WithSummary("The recipe format as a JSON Schema (draft 2020-12).")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, MediaType).AllowAnonymous();
        return app;
    }
}

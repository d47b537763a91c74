using Dashboard.Training.Recipes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>The API's errors as RFC 7807 problem details, each with a message a person can act on.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult RunNotFound(string runId) =>
        TypedResults.Problem($"There is no run '{runId}'.", statusCode: StatusCodes.Status404NotFound, title: "Run not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the run's state");

    public static ProblemHttpResult InvalidRecipe(RecipeException e) =>
        TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid recipe",
            extensions: new Dictionary<string, object?> { ["field"] = e.Field });

    public static ProblemHttpResult NotJson(string? contentType) =>
        TypedResults.Problem($"Send the recipe as application/json, not {(string.IsNullOrEmpty(contentType) ? "without a Content-Type" : contentType)}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

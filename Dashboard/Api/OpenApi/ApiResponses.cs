using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>How endpoints declare what they answer besides their typed results: problems by status, files by media type.</summary>
public static class ApiResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Each status as an RFC 7807 problem.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]));
        return builder;
    }

    /// <summary>A 200 whose body is a file of <paramref name="contentType"/> (a binary string in the document).</summary>
    public static TBuilder ProducesFile<TBuilder>(this TBuilder builder, string contentType) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), [contentType]));

    /// <summary>A problem response added by a transformer (for statuses the endpoint's metadata cannot know, such as 401).</summary>
    public static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) } },
        };
    }
}

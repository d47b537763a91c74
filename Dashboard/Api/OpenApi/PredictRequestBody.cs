using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>The predict body: image files in the multipart field <c>images</c>, or a JSON list of paths inside the data roots.</summary>
public static class PredictRequestBody
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var files = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Images to classify: uploaded files (content sniffed, at most Dashboard:Limits:MaxUploadMB together), or absolute paths of image files inside the data roots or the demo dataset.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { PredictEndpoints.ImagesField }, Properties = new Dictionary<string, IOpenApiSchema> { [PredictEndpoints.ImagesField] = files } },
                },
                ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } },
            },
        };
        return Task.CompletedTask;
    }
}

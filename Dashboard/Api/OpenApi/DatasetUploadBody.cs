using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>The dataset upload body: one .zip in the multipart field <c>file</c>.</summary>
public static class DatasetUploadBody
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A .zip of train/<class>/ and valid/<class>/ image folders (optionally inside one top folder), within the Dashboard:Datasets limits.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { DatasetEndpoints.FileField }, Properties = new Dictionary<string, IOpenApiSchema> { [DatasetEndpoints.FileField] = file } },
                },
            },
        };
        return Task.CompletedTask;
    }
}

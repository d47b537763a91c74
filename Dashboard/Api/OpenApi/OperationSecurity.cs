using Dashboard.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api.OpenApi;

/// <summary>
/// Each operation's sign-in, as the endpoint's authorization says: anonymous ones (<c>/health</c>, the recipe schema)
/// need none; every other one takes the cookie or a bearer token and may answer 401; those that need the trainer role
/// may also answer 403. (With sign-in off every policy lets everyone in, and neither status occurs.)
/// </summary>
public sealed class OperationSecurity : IOpenApiOperationTransformer
{
    private static readonly string[] RolePolicies = [Policies.CanTrain, Policies.IsAdmin, Policies.CanPredict];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DashboardDocument.CookieScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DashboardDocument.BearerScheme, context.Document)] = [] },
        ];
        operation.Responses ??= new OpenApiResponses();
        ApiResponses.AddProblem(operation, context.Document!, StatusCodes.Status401Unauthorized, "Sign-in required: no or an unknown credential.");
        if (metadata.OfType<IAuthorizeData>().Any(a => RolePolicies.Contains(a.Policy)))
            ApiResponses.AddProblem(operation, context.Document!, StatusCodes.Status403Forbidden, "The role does not allow this (trainers control their own runs, admins every run).");
        return Task.CompletedTask;
    }
}

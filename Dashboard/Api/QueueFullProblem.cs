using System.Globalization;
using System.Reflection;
using Dashboard.Runs;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Api;

/// <summary>503 with an RFC 7807 body and <c>Retry-After</c>: the run queue is full, the same request may succeed later.</summary>
public sealed class QueueFullProblem(QueueFullException refused) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    /// <summary>Seconds a client should wait before it tries again.</summary>
    public const int RetryAfterSeconds = 30;

    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The run queue is full").ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}

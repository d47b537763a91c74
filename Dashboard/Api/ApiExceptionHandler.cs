using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Api;

/// <summary>
/// Turns an exception under <c>/api</c> into an RFC 7807 problem, in every environment: a request ASP.NET could not
/// bind (a query value that is not a number) is a 400 with the binder's message; anything else is a 500 that says
/// only that the server failed. Never a stack trace. Other paths are left to the app's error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const string PathPrefix = "/api";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsApi(httpContext)) return false;
        var (status, title, detail) = exception is BadHttpRequestException bad
            ? (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", bad.Message)
            : (StatusCodes.Status500InternalServerError, "Server error", "The server failed to answer this request; its log has the details.");
        if (status >= StatusCodes.Status500InternalServerError) logger.LogError(exception, "API request {Path} failed", httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext, Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

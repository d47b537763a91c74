using Dashboard.Hubs;

namespace Dashboard.Auth;

/// <summary>
/// How a caller that is not allowed in is told so. Scripts and hub clients (paths under /api, /hubs and the OpenAPI
/// document) get the status with a <c>WWW-Authenticate: Bearer</c> challenge on 401 and an RFC 7807 problem body;
/// browsers on pages go to the sign-in page.
/// </summary>
public static class AuthRejection
{
    public const string Challenge = "Bearer realm=\"dashboard\"";

    public static bool IsForScripts(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/openapi")
        || request.Path.StartsWithSegments(Monitoring.MetricsEndpoint.Path);

    public static Task WriteAsync(HttpContext context, int status)
    {
        var (title, detail) = status == StatusCodes.Status401Unauthorized
            ? ("Sign-in required", "Sign in, or send 'Authorization: Bearer TOKEN' with a token from 'issue-token'.")
            : ("Not allowed", "Your role does not allow this; trainers control their own runs, admins every run.");
        return WriteAsync(context, status, title, detail);
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = Challenge;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>The query-string token is for the hub only (WebSockets cannot send headers); elsewhere it is ignored.</summary>
    public static bool AllowsQueryToken(HttpRequest request) => request.Path.StartsWithSegments(TrainingHub.Path);
}

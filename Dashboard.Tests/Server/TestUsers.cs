using System.Security.Claims;

namespace Dashboard.Tests.Server;

public static class TestUsers
{
    /// <summary>A visitor of a dashboard with sign-in off, where anyone may stop or resume any run.</summary>
    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}

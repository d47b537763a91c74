namespace Dashboard.Tests;

/// <summary>
/// What a test needs from the machine (root, an installed package, an interpreter). CI (<c>CI=true</c>) provides all of
/// it, so there a missing precondition fails the test; elsewhere the test is reported skipped, never passed.
/// </summary>
public static class Preconditions
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <param name="met">Whether the precondition holds.</param>
    /// <param name="what">What is missing and how to provide it, e.g. "mounting a tmpfs needs root".</param>
    public static void Require(bool met, string what)
    {
        if (met) return;
        if (InCi) Assert.Fail($"CI provides this, but it is missing: {what}");
        Skip.If(true, what);
    }
}

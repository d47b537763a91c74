namespace Dashboard.Auth;

/// <summary>
/// Sign-in; bound to "Dashboard:Auth". Off by default, which is only allowed while the dashboard listens on loopback.
/// No default password: the first admin comes from <see cref="InitialAdminUser"/>/<see cref="InitialAdminPassword"/>
/// (used once, when no user exists) or from the <c>add-user</c> command.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Dashboard:Auth";

    public bool Enabled { get; set; }
    public string? InitialAdminUser { get; set; }
    public string? InitialAdminPassword { get; set; }

    /// <summary>
    /// Origins (<c>https://lab.example:5000</c>) whose pages may call the API and the hub; empty means the request's own
    /// scheme and host only. Set it when a reverse proxy serves the dashboard under another name than it sees.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Viewers may classify images with a run's model (page and API); off: only trainers and admins may.</summary>
    public bool ViewersMayPredict { get; set; }

    public const int DefaultTokenLifetimeDays = 90;

    /// <summary>How long an API token from <c>issue-token</c> is valid unless <c>--days N</c> says otherwise.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 36_500)]
    public int TokenLifetimeDays { get; set; } = DefaultTokenLifetimeDays;

    /// <summary>Failed sign-ins per user name and per client address before each further failure locks it (see <see cref="SignInThrottle"/>).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int SignInFailuresBeforeLock { get; set; } = 5;

    /// <summary>The first lock; each further failure doubles it.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public double SignInLockSeconds { get; set; } = 30;

    /// <summary>The longest lock; a key with no failure for this long is forgotten.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public double SignInMaxLockSeconds { get; set; } = 900;
}

/// <summary>The three roles, weakest first.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Trainer = "trainer";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Trainer, Admin];
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string CanWatch = "can-watch";
    public const string CanTrain = "can-train";
    public const string IsAdmin = "is-admin";
    public const string CanPredict = "can-predict";
}

using Microsoft.AspNetCore.Identity;
using Dashboard.Storage;

namespace Dashboard.Auth;

public sealed record DashboardUser(string Name, string Role);

/// <summary>
/// Users, roles and hashed passwords (ASP.NET Core's PasswordHasher) in the run database, and their API tokens
/// (<see cref="Tokens"/>; new ones live <see cref="DefaultTokenLifetime"/> unless told otherwise).
/// </summary>
public sealed class UserStore
{
    private readonly SqliteDatabase database;
    private readonly PasswordHasher<string> hasher = new();

    /// <param name="clock">for token expiry; the system clock when null</param>
    /// <param name="defaultTokenLifetime"><see cref="AuthOptions.TokenLifetimeDays"/>'s default when null</param>
    public UserStore(string databasePath, TimeProvider? clock = null, TimeSpan? defaultTokenLifetime = null)
    {
        database = new SqliteDatabase(databasePath);
        // token_hash: where the one token per user lived before tokens had ids and expiries; ApiTokenStore moves it over.
        database.Execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL, token_hash TEXT UNIQUE)");
        Tokens = new ApiTokenStore(database, clock ?? TimeProvider.System);
        DefaultTokenLifetime = defaultTokenLifetime ?? TimeSpan.FromDays(AuthOptions.DefaultTokenLifetimeDays);
    }

    public ApiTokenStore Tokens { get; }
    public TimeSpan DefaultTokenLifetime { get; }

    public bool Exists(string name) => database.Scalar("SELECT COUNT(*) FROM users WHERE name = $name", ("$name", name)) is long count && count > 0;

    public bool Any() => database.Scalar("SELECT COUNT(*) FROM users") is long count && count > 0;

    public void Add(string name, string role, string password)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"role must be one of {string.Join(", ", Roles.All)}", nameof(role));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a user needs a name", nameof(name));
        if (password.Length < 8) throw new ArgumentException("a password needs at least 8 characters", nameof(password));
        database.Execute("INSERT INTO users (name, role, password_hash) VALUES ($name, $role, $hash)",
            ("$name", name), ("$role", role), ("$hash", hasher.HashPassword(name, password)));
    }

    /// <summary>The user when the password matches, else null.</summary>
    public DashboardUser? Verify(string name, string password)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, "SELECT name, role, password_hash FROM users WHERE name = $name", ("$name", name));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var user = new DashboardUser(reader.GetString(0), reader.GetString(1));
        return hasher.VerifyHashedPassword(user.Name, reader.GetString(2), password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Issues a new API token for the user (earlier ones stay valid until they expire or are revoked); only its hash is kept.</summary>
    public IssuedApiToken IssueToken(string name, TimeSpan lifetime)
    {
        if (!Exists(name)) throw new ArgumentException($"no user {name}", nameof(name));
        return Tokens.Issue(name, lifetime);
    }

    /// <summary>A new token with the default lifetime; its secret.</summary>
    public string IssueToken(string name) => IssueToken(name, DefaultTokenLifetime).Secret;

    /// <summary>The token's user when the token is known, not expired and not revoked.</summary>
    public DashboardUser? FindByToken(string token) => Tokens.Find(token);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Dashboard.Storage;

namespace Dashboard.Auth;

public sealed record DashboardUser(string Name, string Role);

/// <summary>Users, roles, hashed passwords (ASP.NET Core's PasswordHasher) and hashed API tokens, in the run database.</summary>
public sealed class UserStore
{
    private readonly SqliteDatabase database;
    private readonly PasswordHasher<string> hasher = new();

    public UserStore(string databasePath)
    {
        database = new SqliteDatabase(databasePath);
        database.Execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL, token_hash TEXT UNIQUE)");
    }

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

    /// <summary>Issues a new API token for the user (replacing any earlier one); only its hash is kept.</summary>
    public string IssueToken(string name)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        database.Execute("UPDATE users SET token_hash = $hash WHERE name = $name", ("$hash", Hash(token)), ("$name", name));
        return token;
    }

    public DashboardUser? FindByToken(string token)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, "SELECT name, role FROM users WHERE token_hash = $hash", ("$hash", Hash(token)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new DashboardUser(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

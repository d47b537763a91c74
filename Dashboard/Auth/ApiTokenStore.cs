using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Storage;

namespace Dashboard.Auth;

/// <summary>An issued token as listed: never its secret.</summary>
public sealed record ApiTokenInfo(string Id, string User, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? LastUsed, DateTimeOffset? Revoked)
{
    public bool IsActive(DateTimeOffset now) => Revoked is null && Expires > now;
}

/// <summary>A newly issued token: the secret is shown once and only its SHA-256 hash is stored.</summary>
public sealed record IssuedApiToken(string Id, string Secret, DateTimeOffset Expires);

/// <summary>
/// API tokens in the run database: several per user, each with an id, an expiry and a last-used time (written at most
/// once per <see cref="LastUsedResolution"/>), revocable. An expired or revoked token finds no user.
/// </summary>
public sealed class ApiTokenStore
{
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    /// <summary>Tokens from before expiry existed (one per user, in <c>users.token_hash</c>) keep working this long after the upgrade.</summary>
    public static readonly TimeSpan MigratedLifetime = TimeSpan.FromDays(AuthOptions.DefaultTokenLifetimeDays);

    private readonly SqliteDatabase database;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastUsedWritten = new();

    public ApiTokenStore(SqliteDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
        database.Execute("""
            CREATE TABLE IF NOT EXISTS api_tokens (id TEXT PRIMARY KEY, user_name TEXT NOT NULL COLLATE NOCASE, token_hash TEXT NOT NULL UNIQUE,
                created INTEGER NOT NULL, expires INTEGER NOT NULL, last_used INTEGER, revoked INTEGER);
            INSERT OR IGNORE INTO api_tokens (id, user_name, token_hash, created, expires)
                SELECT lower(hex(randomblob(6))), name, token_hash, $now, $expires FROM users WHERE token_hash IS NOT NULL;
            UPDATE users SET token_hash = NULL WHERE token_hash IS NOT NULL;
            """, ("$now", Now()), ("$expires", (clock.GetUtcNow() + MigratedLifetime).ToUnixTimeMilliseconds()));
    }

    public IssuedApiToken Issue(string user, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "a token needs a lifetime > 0");
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var expires = clock.GetUtcNow() + lifetime;
        database.Execute("INSERT INTO api_tokens (id, user_name, token_hash, created, expires) VALUES ($id, $user, $hash, $now, $expires)",
            ("$id", id), ("$user", user), ("$hash", Hash(secret)), ("$now", Now()), ("$expires", expires.ToUnixTimeMilliseconds()));
        return new IssuedApiToken(id, secret, DateTimeOffset.FromUnixTimeMilliseconds(expires.ToUnixTimeMilliseconds()));
    }

    /// <summary>The token's user when it is known, not expired and not revoked; notes the use.</summary>
    public DashboardUser? Find(string secret)
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection, """
            SELECT t.id, u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name
            WHERE t.token_hash = $hash AND t.revoked IS NULL AND t.expires > $now
            """, ("$hash", Hash(secret)), ("$now", Now()));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        NoteUse(connection, reader.GetString(0));
        return new DashboardUser(reader.GetString(1), reader.GetString(2));
    }

    public IReadOnlyList<ApiTokenInfo> List()
    {
        using var connection = database.Open();
        using var command = SqliteDatabase.Command(connection,
            "SELECT id, user_name, created, expires, last_used, revoked FROM api_tokens ORDER BY created DESC, id");
        using var reader = command.ExecuteReader();
        var tokens = new List<ApiTokenInfo>();
        while (reader.Read())
            tokens.Add(new ApiTokenInfo(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2)), Time(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : Time(reader.GetInt64(4)), reader.IsDBNull(5) ? null : Time(reader.GetInt64(5))));
        return tokens;
    }

    /// <summary>Revokes an active token; false when there is no such token or it was revoked already.</summary>
    public bool Revoke(string id)
    {
        using var connection = database.Open();
        return SqliteDatabase.Execute(connection, "UPDATE api_tokens SET revoked = $now WHERE id = $id AND revoked IS NULL", ("$now", Now()), ("$id", id)) == 1;
    }

    private void NoteUse(Microsoft.Data.Sqlite.SqliteConnection connection, string id)
    {
        var now = clock.GetUtcNow();
        if (lastUsedWritten.TryGetValue(id, out var written) && now - written < LastUsedResolution) return;
        lastUsedWritten[id] = now;
        SqliteDatabase.Execute(connection, "UPDATE api_tokens SET last_used = $now WHERE id = $id", ("$now", now.ToUnixTimeMilliseconds()), ("$id", id));
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

using System.Globalization;
using Dashboard.Auth;

namespace Dashboard.Cli;

/// <summary>
/// <c>issue-token NAME [--days N]</c> prints a new API token (the only time its secret is shown) and says its id and
/// expiry on standard error; <c>list-tokens</c> lists id, user, created, expires, last used and state, never a secret;
/// <c>revoke-token ID</c> revokes one. All in the web app's data folder, as <see cref="UserCommand"/>.
/// </summary>
public static class TokenCommand
{
    public static int Issue(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        var store = UserCommand.Store(args);
        var days = CommandLine.Option(args, "--days");
        if (!store.Exists(args[0])) { Console.Error.WriteLine($"error: no user {args[0]}"); return 1; }
        if (days is not null && !(int.TryParse(days, CultureInfo.InvariantCulture, out var n) && n > 0)) { Console.Error.WriteLine("error: --days must be a whole number > 0"); return 2; }
        var issued = store.IssueToken(args[0], days is null ? store.DefaultTokenLifetime : TimeSpan.FromDays(int.Parse(days, CultureInfo.InvariantCulture)));
        Console.Error.WriteLine($"token {issued.Id} for {args[0]}, expires {Format(issued.Expires)}");
        Console.WriteLine(issued.Secret);
        return 0;
    }

    public static int List(string[] args)
    {
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"{"ID",-12}  {"USER",-16}  {"CREATED",-20}  {"EXPIRES",-20}  {"LAST USED",-20}  STATE");
        foreach (var t in UserCommand.Store(args).Tokens.List())
            Console.WriteLine($"{t.Id,-12}  {t.User,-16}  {Format(t.Created),-20}  {Format(t.Expires),-20}  {(t.LastUsed is { } used ? Format(used) : "never"),-20}  {State(t, now)}");
        return 0;
    }

    public static int Revoke(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine(CommandLine.Usage); return 2; }
        if (!UserCommand.Store(args).Tokens.Revoke(args[0])) { Console.Error.WriteLine($"error: no active token {args[0]}"); return 1; }
        Console.WriteLine($"revoked {args[0]}");
        return 0;
    }

    public static string State(ApiTokenInfo token, DateTimeOffset now) => token.Revoked is not null ? "revoked" : token.Expires <= now ? "expired" : "active";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

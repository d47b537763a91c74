using System.CommandLine;
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
    public static IEnumerable<Command> Create(CommandArguments arguments) => [Issue(arguments), List(arguments), Revoke(arguments)];

    private static Command Issue(CommandArguments arguments)
    {
        var name = new Argument<string>("NAME") { Description = "the user the token acts as" };
        var days = CliOptions.OptionalCount("--days", "lifetime in days; default: Dashboard:Auth:TokenLifetimeDays (90)", 1);
        var command = new Command("issue-token", "Print a new API token for scripts (its id and expiry go to standard error)") { name, days };
        command.SetAction(parsed =>
        {
            var (console, user) = (parsed.InvocationConfiguration, parsed.GetRequiredValue(name));
            var store = UserCommand.Store(arguments, console.Error);
            if (!store.Exists(user)) { console.Error.WriteLine($"error: no user {user}"); return CommandLineInvocation.Failed; }
            var issued = store.IssueToken(user, parsed.GetValue(days) is int n ? TimeSpan.FromDays(n) : store.DefaultTokenLifetime);
            console.Error.WriteLine($"token {issued.Id} for {user}, expires {Format(issued.Expires)}");
            console.Output.WriteLine(issued.Secret);
            return CommandLineInvocation.Succeeded;
        });
        return command;
    }

    private static Command List(CommandArguments arguments)
    {
        var command = new Command("list-tokens", "List API tokens: id, user, created, expires, last used, state (never a secret)");
        command.SetAction(parsed =>
        {
            var (now, output) = (DateTimeOffset.UtcNow, parsed.InvocationConfiguration.Output);
            output.WriteLine($"{"ID",-12}  {"USER",-16}  {"CREATED",-20}  {"EXPIRES",-20}  {"LAST USED",-20}  STATE");
            foreach (var t in UserCommand.Store(arguments, parsed.InvocationConfiguration.Error).Tokens.List())
                output.WriteLine($"{t.Id,-12}  {t.User,-16}  {Format(t.Created),-20}  {Format(t.Expires),-20}  {(t.LastUsed is { } used ? Format(used) : "never"),-20}  {State(t, now)}");
            return CommandLineInvocation.Succeeded;
        });
        return command;
    }

    private static Command Revoke(CommandArguments arguments)
    {
        var id = new Argument<string>("ID") { Description = "the token's id (list-tokens)" };
        var command = new Command("revoke-token", "Revoke one API token") { id };
        command.SetAction(parsed =>
        {
            var (console, token) = (parsed.InvocationConfiguration, parsed.GetRequiredValue(id));
            if (!UserCommand.Store(arguments, console.Error).Tokens.Revoke(token)) { console.Error.WriteLine($"error: no active token {token}"); return CommandLineInvocation.Failed; }
            console.Output.WriteLine($"revoked {token}");
            return CommandLineInvocation.Succeeded;
        });
        return command;
    }

    public static string State(ApiTokenInfo token, DateTimeOffset now) => token.Revoked is not null ? "revoked" : token.Expires <= now ? "expired" : "active";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

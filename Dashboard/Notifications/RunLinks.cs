using Dashboard.Configuration;
using Dashboard.Runs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>
/// Absolute links to the dashboard's pages, for messages read outside it: under <see cref="DashboardOptions.PublicUrl"/>, else under
/// the first address the server listens on (a wildcard host, 0.0.0.0, [::], + or *, becomes the machine's name), else (no
/// server: the app's services without a host, as component tests build them) under http://localhost.
/// </summary>
public sealed class RunLinks(IOptions<DashboardOptions> options, IServer? server = null)
{
    private static readonly string[] WildcardHosts = ["0.0.0.0", "[::]"];

    public Uri RunPage(string runId) => new(BaseAddress(), "runs/" + Uri.EscapeDataString(runId));

    private Uri BaseAddress()
    {
        var configured = options.Value.PublicUrl;
        var address = string.IsNullOrEmpty(configured) ? ListeningAddress() : configured;
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private string ListeningAddress()
    {
        var first = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        var builder = new UriBuilder(first.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
        if (WildcardHosts.Contains(builder.Host)) builder.Host = Environment.MachineName;
        return builder.Uri.ToString();
    }
}

namespace Dashboard.Auth;

/// <summary>Refuses to start an open dashboard (no sign-in) on anything but loopback addresses.</summary>
public static class ListenAddressCheck
{
    public static void Require(string? urls, bool authEnabled)
    {
        if (authEnabled) return;
        var outside = (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url)).ToArray();
        if (outside.Length > 0)
            throw new InvalidOperationException(
                $"Refusing to listen on {string.Join(", ", outside)} without sign-in: set Dashboard:Auth:Enabled=true and create an admin " +
                "(Dashboard:Auth:InitialAdminUser/InitialAdminPassword or the add-user command), or bind to 127.0.0.1.");
    }

    public static bool IsLoopback(string url)
    {
        var host = url.Contains("://") ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host is "localhost" or "[::1]" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
    }
}

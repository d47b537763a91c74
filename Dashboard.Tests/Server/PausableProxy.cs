using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Server;

/// <summary>
/// A TCP forwarder on loopback in front of a server, to take the server away from a client for a while: paused, it
/// drops every open connection and closes every new one at once (counted), as an unreachable server would look.
/// </summary>
public sealed class PausableProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource closing = new();
    private readonly List<TcpClient> open = [];
    private volatile bool paused;
    private int refused;

    public PausableProxy()
    {
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Where connections go; set once the server listens.</summary>
    public Uri? Target { get; set; }

    /// <summary>Connections closed unanswered since the last <see cref="Pause"/>.</summary>
    public int Refused => Volatile.Read(ref refused);

    public void Pause()
    {
        lock (open)
        {
            Interlocked.Exchange(ref refused, 0);
            paused = true;
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    public void Resume() => paused = false;

    private async Task AcceptAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(closing.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (paused || Target is null)
            {
                Interlocked.Increment(ref refused);
                client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                client.Dispose();
                continue;
            }
            _ = ForwardAsync(client, Target);
        }
    }

    private async Task ForwardAsync(TcpClient client, Uri target)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(target.Host, target.Port, closing.Token);
            lock (open)
            {
                if (paused) // accepted just before the pause: it must not outlive it
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
                open.AddRange([client, server]);
            }
            var upstream = client.GetStream().CopyToAsync(server.GetStream(), closing.Token);
            var downstream = server.GetStream().CopyToAsync(client.GetStream(), closing.Token);
            await Task.WhenAny(upstream, downstream);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            lock (open) { open.Remove(client); open.Remove(server); }
            client.Dispose();
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        listener.Stop();
        lock (open) foreach (var client in open) client.Dispose();
    }
}

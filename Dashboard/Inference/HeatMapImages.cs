using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dashboard.Inference;

/// <summary>
/// Heat-map PNGs of uploaded images, kept for <see cref="Lifetime"/> under an unguessable key, so the page refers to
/// them by URL (<see cref="UrlFor"/>) instead of pushing image bytes through the circuit.
/// </summary>
public sealed class HeatMapImages(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const int KeyBytes = 16;
    private readonly ConcurrentDictionary<string, (byte[] Png, DateTimeOffset Expires)> images = new();

    public string Add(byte[] png)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in images.Where(entry => entry.Value.Expires <= now)) images.TryRemove(expired.Key, out _);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes));
        images[key] = (png, now + Lifetime);
        return key;
    }

    public byte[]? Find(string key) => images.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Png : null;

    public static string UrlFor(string key) => $"{HeatMapEndpoints.Prefix}/heatmaps/{key}.png";
}

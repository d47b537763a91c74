using System.ComponentModel.DataAnnotations;

namespace Dashboard.Notifications;

/// <summary>An absolute http:// or https:// URL; null or empty passes (pair with <see cref="RequiredAttribute"/> when it must be set).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public AbsoluteHttpUrlAttribute() : base("{0} must be an absolute http:// or https:// URL.") { }

    public override bool IsValid(object? value) => value is not string text || text.Length == 0 || IsHttpUrl(text);

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

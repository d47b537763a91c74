using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The signed-in user of a circuit, for checks inside event handlers (not only in what a page shows):
/// may this user start runs, and stop or resume this one?
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IOptions<AuthOptions> options)
{
    public async Task<string?> NameAsync() => (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name;

    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> CanTrainAsync()
    {
        if (!options.Value.Enabled) return true;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.IsInRole(Roles.Trainer) || user.IsInRole(Roles.Admin);
    }

    /// <summary>Trainers and admins; viewers too when <see cref="AuthOptions.ViewersMayPredict"/>.</summary>
    public async Task<bool> MayPredictAsync()
    {
        if (!options.Value.Enabled) return true;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.IsInRole(Roles.Trainer) || user.IsInRole(Roles.Admin) || (options.Value.ViewersMayPredict && user.IsInRole(Roles.Viewer));
    }

    public async Task<bool> IsAdminAsync() =>
        !options.Value.Enabled || (await authentication.GetAuthenticationStateAsync()).User.IsInRole(Roles.Admin);

    public async Task<bool> MayControlAsync(string? owner) =>
        UserPrincipal.MayControl((await authentication.GetAuthenticationStateAsync()).User, owner, options.Value.Enabled);
}

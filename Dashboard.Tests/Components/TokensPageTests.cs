using Bunit;
using Dashboard.Auth;
using Dashboard.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class TokensPageTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new(signIn: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    private UserStore Users => context.Services.GetRequiredService<UserStore>();

    [Fact]
    public void An_admin_revokes_a_token_with_its_button_and_the_row_says_revoked()
    {
        Users.Add("tom", Roles.Trainer, "trainer-password");
        var kept = Users.IssueToken("tom", TimeSpan.FromDays(1));
        var revoked = Users.IssueToken("tom", TimeSpan.FromDays(1));
        context.SignInAs("ada", Roles.Admin);
        var page = context.Render<Tokens>();

        page.Find($"#revoke-{revoked.Id}").Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find($"#token-{revoked.Id}").TextContent));
        Assert.Empty(page.FindAll($"#revoke-{revoked.Id}"));
        Assert.NotNull(page.Find($"#revoke-{kept.Id}"));
        Assert.Null(Users.FindByToken(revoked.Secret));
        Assert.NotNull(Users.FindByToken(kept.Secret));
        Assert.DoesNotContain(kept.Secret, page.Markup);
    }

    [Fact]
    public void A_trainer_sees_no_token_even_when_the_page_is_rendered()
    {
        Users.Add("tom", Roles.Trainer, "trainer-password");
        var issued = Users.IssueToken("tom", TimeSpan.FromDays(1));
        context.SignInAs("tara", Roles.Trainer);

        var page = context.Render<Tokens>();

        Assert.DoesNotContain(issued.Id, page.Markup);
        Assert.Empty(page.FindAll("button"));
    }
}

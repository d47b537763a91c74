using Bunit;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Datasets.Uploads;
using Dashboard.Runs;
using Dashboard.Tests.Server;
using Microsoft.AspNetCore.Components.Forms;

namespace Dashboard.Tests.Components;

/// <summary>The datasets page's upload control and delete button, on the app's real upload service.</summary>
public sealed class DatasetUploadPageTests : IAsyncLifetime
{
    private readonly DashboardTestContext context = new(signIn: true);

    private string UploadRoot => context.Get<DashboardPaths>().UploadRoot;

    [Fact]
    public void A_trainer_uploads_a_zip_sees_it_listed_as_theirs_and_deletes_it_after_confirming()
    {
        context.SignInAs("tara", Roles.Trainer);
        var page = Upload("pets", DatasetZips.ClassFolders());

        var card = $"[data-dataset='{Path.Combine(UploadRoot, "pets")}']";
        page.WaitForAssertion(() => Assert.Contains("2 classes · 8 train · 8 valid · 0 skipped", page.Find(card).TextContent));
        Assert.Contains("uploaded by tara", page.Find(card).TextContent);
        page.Find($"{card} .ask-delete").Click();
        // The click is dispatched to the renderer, which may still be busy rendering another dataset's summary.
        page.WaitForAssertion(() => page.Find($"{card} .confirm-delete"));
        page.Find($"{card} .confirm-delete").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(card)));
        Assert.Empty(Directory.GetFileSystemEntries(UploadRoot));
    }

    [Fact]
    public void A_refused_zip_lists_its_rejected_entries_and_keeps_nothing()
    {
        context.SignInAs("tara", Roles.Trainer);
        var zip = DatasetZips.ClassFolders(extra: archive => DatasetZips.Add(archive, "train/bag/broken.png", "not a png"u8.ToArray()));

        var page = Upload("broken", zip);

        page.WaitForAssertion(() => Assert.Contains("train/bag/broken.png", page.Find("#upload-rejected").TextContent));
        Assert.Empty(Directory.GetFileSystemEntries(UploadRoot));
        Assert.Single(page.FindAll(".dataset-card"));
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Trainer, true)]
    public void Only_trainers_may_upload_and_nobody_but_the_owner_or_an_admin_sees_a_delete_button(string role, bool mayUpload)
    {
        using (var zip = new MemoryStream(DatasetZips.ClassFolders())) context.Get<DatasetUploads>().Add("taras", zip, "tara");
        context.SignInAs("someone", role);

        var page = context.Render<Dashboard.Components.Pages.Datasets>();

        Assert.Contains("uploaded by tara", page.Find($"[data-dataset='{Path.Combine(UploadRoot, "taras")}']").TextContent);
        Assert.Equal(mayUpload, page.FindAll("#dataset-upload").Count == 1);
        Assert.Empty(page.FindAll(".ask-delete"));
    }

    private IRenderedComponent<Dashboard.Components.Pages.Datasets> Upload(string name, byte[] zip)
    {
        var page = context.Render<Dashboard.Components.Pages.Datasets>();
        page.Find(".upload-name input").Input(name);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, name + ".zip"));
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}

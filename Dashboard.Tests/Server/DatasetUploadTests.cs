using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Configuration;
using Dashboard.Runs;

namespace Dashboard.Tests.Server;

/// <summary>
/// <c>POST /api/datasets</c> and <c>DELETE /api/datasets/{name}</c> through the real server: a good archive trains, a bad
/// one is refused with every rejected entry named and leaves nothing in the upload root.
/// </summary>
public sealed class DatasetUploadTests
{
    [Fact]
    public async Task A_good_zip_appears_in_the_catalog_and_a_run_trains_on_it()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await UploadAsync(client, "shoes", DatasetZips.ClassFolders(perClass: 8));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await CatalogEntryAsync(client, "shoes");
        Assert.Equal("folders", uploaded.GetProperty("kind").GetString());
        Assert.True(uploaded.GetProperty("isUploaded").GetBoolean());
        var path = uploaded.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(host.Get<DashboardPaths>().UploadRoot, "shoes"), path);
        await ApiWaits.FinishedRunAsync(client, TinyRecipeOn(path));
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(client, "shoes", DatasetZips.ClassFolders())).StatusCode);
    }

    [Fact]
    public async Task A_zip_of_a_labels_csv_and_its_images_appears_as_a_csv_dataset_and_a_run_trains_on_it()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await UploadAsync(client, "labelled", DatasetZips.LabelsCsv(perClass: 10));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await CatalogEntryAsync(client, "labelled");
        Assert.Equal("csv", uploaded.GetProperty("kind").GetString());
        await ApiWaits.FinishedRunAsync(client, TinyRecipeOn(uploaded.GetProperty("path").GetString()!));
    }

    private static async Task<JsonElement> CatalogEntryAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    /// <summary>One precomputed epoch at 32 px on the dataset at <paramref name="path"/>.</summary>
    private static string TinyRecipeOn(string path) =>
        """{ "data": { "path": PATH, "size": 32, "batchSize": 8 }, "arch": "resnet18", "precompute": true, "seed": 0, "steps": [ {"fit": {"lr": 0.01, "cycles": 1}} ] }"""
            .Replace("PATH", JsonSerializer.Serialize(path));

    [Fact]
    public async Task A_labels_csv_naming_a_missing_image_or_holding_binary_is_refused_naming_it_and_nothing_is_kept()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var missing = await RefusedEntriesAsync(await UploadAsync(client, "missing", DatasetZips.LabelsCsv(extraRows: "images/not-there.png,bag")));
        Assert.Contains("not-there.png", string.Join(" ", missing.Keys));
        Assert.Contains("does not exist", string.Join(" ", missing.Values));

        var binary = DatasetZips.ClassFolders(extra: archive => DatasetZips.Add(archive, "notes.csv", [0x50, 0x4B, 0x00, 0x01]));
        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "binary", binary));
        Assert.Equal(["notes.csv"], rejected.Keys);
        Assert.Contains("must be text", rejected["notes.csv"]);
        AssertNothingKept(host);
    }

    [Fact]
    public async Task Entries_with_dot_dot_absolute_paths_or_symlinks_are_each_named_and_nothing_is_kept()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var png = File.ReadAllBytes(Directory.GetFiles(Path.Combine(Training.Data.DemoDataset.Path, "train", "bag"))[0]);
        var zip = DatasetZips.ClassFolders(extra: archive =>
        {
            DatasetZips.Add(archive, "train/bag/../../../escaped.png", png);
            DatasetZips.Add(archive, "/tmp/absolute.png", png);
            DatasetZips.Add(archive, "C:/drive.png", png);
            DatasetZips.Add(archive, "train/bag/link.png", "/etc/passwd"u8.ToArray()).ExternalAttributes = DatasetZips.SymlinkAttributes;
        });

        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "escape", zip));

        Assert.Equal(["train/bag/../../../escaped.png", "/tmp/absolute.png", "C:/drive.png", "train/bag/link.png"], rejected.Keys);
        Assert.Contains("'..'", rejected["train/bag/../../../escaped.png"]);
        Assert.Contains("absolute", rejected["C:/drive.png"]);
        Assert.Contains("symbolic link", rejected["train/bag/link.png"]);
        AssertNothingKept(host);
        Assert.False(File.Exists(Path.Combine(host.DataFolder, "escaped.png")));
    }

    [Fact]
    public async Task A_zip_bomb_stops_at_the_uncompressed_limit_and_nothing_is_kept()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Datasets:MaxUncompressedMB"] = "1" });
        using var client = host.Client();
        var zip = DatasetZips.ClassFolders(extra: archive => DatasetZips.AddZeros(archive, "train/bag/zeros.png", megabytes: 200));
        Assert.True(zip.Length < 2 * 1024 * 1024, $"{zip.Length} bytes");

        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "bomb", zip));

        Assert.Equal(["train/bag/zeros.png"], rejected.Keys);
        Assert.Contains("more than 1 MB", rejected["train/bag/zeros.png"]);
        AssertNothingKept(host);
    }

    [Fact]
    public async Task A_corrupt_image_is_named_and_nothing_is_kept()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var zip = DatasetZips.ClassFolders(extra: archive => DatasetZips.Add(archive, "valid/bag/broken.png", "not a png at all"u8.ToArray()));

        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "broken", zip));

        Assert.Equal(["valid/bag/broken.png"], rejected.Keys);
        AssertNothingKept(host);
        Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray(), d => d.GetProperty("name").GetString() == "broken");
    }

    [Theory]
    [InlineData("MaxFiles", "3", "more than 3")]
    [InlineData("MaxPixels", "100", "over the limit of 100 (Dashboard:Datasets:MaxPixels)")]
    public async Task A_limit_of_the_options_refuses_the_archive(string limit, string value, string reason)
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { [$"Dashboard:Datasets:{limit}"] = value });
        using var client = host.Client();

        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "limited", DatasetZips.ClassFolders(perClass: 1)));

        Assert.All(rejected.Values, r => Assert.Contains(reason, r));
        Assert.Equal(limit == "MaxFiles" ? 1 : 4, rejected.Count);
        AssertNothingKept(host);
    }

    [Fact]
    public async Task Not_a_zip_is_refused_as_the_archive_and_an_oversized_one_is_413()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Datasets:MaxArchiveMB"] = "1" });
        using var client = host.Client();

        var rejected = await RefusedEntriesAsync(await UploadAsync(client, "text", "plain text, not a zip"u8.ToArray()));
        var tooLarge = await UploadAsync(client, "large", new byte[1024 * 1024 + 1]);

        Assert.Equal(["(archive)"], rejected.Keys);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        AssertNothingKept(host);
    }

    [Theory]
    [InlineData("demo", HttpStatusCode.Conflict)]
    [InlineData("..", HttpStatusCode.BadRequest)]
    [InlineData("has space", HttpStatusCode.BadRequest)]
    public async Task A_taken_or_invalid_name_is_refused(string name, HttpStatusCode expected)
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var response = await UploadAsync(client, name, DatasetZips.ClassFolders());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNothingKept(host);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_deletes_an_uploaded_dataset_and_built_in_ones_are_never_deleted()
    {
        await using var host = await DashboardHost.StartWithSignInAsync();
        var users = host.Get<UserStore>();
        users.Add("tara", Roles.Trainer, "trainer-password-1");
        users.Add("tom", Roles.Trainer, "trainer-password-2");
        using var tara = host.Client(users.IssueToken("tara"));
        using var tom = host.Client(users.IssueToken("tom"));
        using var admin = host.Client(users.IssueToken("admin"));
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(tara, "taras", DatasetZips.ClassFolders())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(tara, "taras-too", DatasetZips.ClassFolders())).StatusCode);
        var listed = await tom.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Equal("tara", listed.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "taras").GetProperty("owner").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await tom.DeleteAsync("/api/datasets/taras")).StatusCode);
        Assert.True(Directory.Exists(Path.Combine(host.Get<DashboardPaths>().UploadRoot, "taras")));
        Assert.Equal(HttpStatusCode.NoContent, (await tara.DeleteAsync("/api/datasets/taras")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tara.DeleteAsync("/api/datasets/taras")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/datasets/taras-too")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/datasets/demo")).StatusCode);
        AssertNothingKept(host);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] zip)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(zip) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "file", "dataset.zip" } };
        return client.PostAsync($"/api/datasets?name={Uri.EscapeDataString(name)}", form);
    }

    /// <summary>The rejected entries of a 422 problem, entry → reason, in the order the server listed them.</summary>
    private static async Task<Dictionary<string, string>> RefusedEntriesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("entry").GetString()!, r => r.GetProperty("reason").GetString()!);
    }

    private static void AssertNothingKept(DashboardHost host)
    {
        var root = host.Get<DashboardPaths>().UploadRoot;
        Assert.Empty(Directory.Exists(root) ? Directory.GetFileSystemEntries(root) : []);
    }
}

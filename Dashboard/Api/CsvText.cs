using System.Globalization;
using System.Text;
using Dashboard.Api.OpenApi;
using Dashboard.Runs;

namespace Dashboard.Api;

/// <summary>CSV downloads of a run: invariant-culture numbers, one line per record, served as <c>text/csv</c> (404 for an unknown run).</summary>
public static class CsvText
{
    public static StringBuilder Line(this StringBuilder csv, params object[] values) =>
        csv.Append(string.Join(',', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Append('\n');

    /// <summary>Maps <c>GET /api/runs/{id}/FILE</c> to the CSV that <paramref name="format"/> makes of the run with that id.</summary>
    public static RouteHandlerBuilder MapRunCsv(this IEndpointRouteBuilder app, string file, Func<IServiceProvider, string, string> format) =>
        app.MapGet($"/api/runs/{{id}}/{file}", IResult (RunStore store, HttpContext http, string id) => store.Find(id) is null
                ? ApiProblems.RunNotFound(id)
                : Results.File(Encoding.UTF8.GetBytes(format(http.RequestServices, id)), "text/csv", $"run-{id}-{file}"))
            .WithTags("Runs").Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(StatusCodes.Status404NotFound);

    public static string UrlFor(string runId, string file) => $"/api/runs/{Uri.EscapeDataString(runId)}/{file}";
}

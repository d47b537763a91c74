using System.Globalization;
using System.Text;

namespace Dashboard.Api;

/// <summary>CSV downloads of a run: invariant-culture numbers, one line per record, served as <c>text/csv</c>.</summary>
public static class CsvText
{
    public static StringBuilder Line(this StringBuilder csv, params object[] values) =>
        csv.Append(string.Join(',', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Append('\n');

    public static IResult File(string csv, string fileName) => Results.File(Encoding.UTF8.GetBytes(csv), "text/csv", fileName);
}

using Dashboard.Training.Events;

namespace Dashboard.Training.Schedules;

/// <summary>
/// fastai v2's learning-rate suggestions (<c>callback/schedule.py</c>: valley, slide, minimum, steep), fed the way its
/// <c>Learner.lr_find</c> feeds them: the smoothed losses without the first <c>num_it // 10</c> points and the last 5,
/// cut at the first NaN (<see cref="Window"/>). A method whose curve is too short for it (where fastai would raise an
/// IndexError) gives no suggestion. fastai holds the curve in float32 tensors; here it stays in double.
/// </summary>
public static class LrSuggestions
{
    private const int SkippedAtEnd = 5;
    private const int SlideInterval = 15;
    private const double SlideGradientThreshold = 0.005;

    private static readonly (string Method, Func<IReadOnlyList<double>, IReadOnlyList<double>, (double Rate, double Loss)?> Suggest)[] Rules =
        [("valley", Valley), ("slide", Slide), ("minimum", Minimum), ("steep", Steep)];

    /// <summary>The method names, in fastai's order.</summary>
    public static IReadOnlyList<string> Methods { get; } = Rules.Select(r => r.Method).ToArray();

    /// <summary>Every method's suggestion for a finder curve of <paramref name="requestedIterations"/> (fastai's <c>num_it</c>).</summary>
    public static IReadOnlyList<LrSuggestion> All(IReadOnlyList<double> rates, IReadOnlyList<double> smoothedLosses, int requestedIterations)
    {
        var (windowRates, windowLosses) = Window(rates, smoothedLosses, requestedIterations);
        var suggestions = new List<LrSuggestion>();
        foreach (var (method, suggest) in Rules)
            if (suggest(windowRates, windowLosses) is { } found) suggestions.Add(new LrSuggestion(method, found.Rate, found.Loss));
        return suggestions;
    }

    /// <summary><paramref name="method"/> when it is one of <see cref="Methods"/>; otherwise an exception naming them.</summary>
    public static string Require(string method) =>
        Methods.Contains(method) ? method : throw new ArgumentException($"'{method}' is not one of {string.Join(", ", Methods)}", nameof(method));

    /// <summary>The part of the curve fastai suggests from: points [num_it // 10, count − 5), up to the first NaN loss.</summary>
    public static (double[] Rates, double[] Losses) Window(IReadOnlyList<double> rates, IReadOnlyList<double> smoothedLosses, int requestedIterations)
    {
        int start = requestedIterations / 10, end = Math.Min(rates.Count, smoothedLosses.Count) - SkippedAtEnd;
        if (end <= start) return ([], []);
        var losses = smoothedLosses.Skip(start).Take(end - start).TakeWhile(loss => !double.IsNaN(loss)).ToArray();
        return (rates.Skip(start).Take(losses.Length).ToArray(), losses);
    }

    /// <summary>
    /// The longest valley: the longest strictly decreasing subsequence of the losses (first one wins) ends at index e and
    /// has length L; with s = e − L (one before its first point) and d = (e − s) / 3, the suggestion is the point at
    /// s + ⌊d⌋ + ⌊d / 2⌋, about halfway along the valley. Python's index −1 (a valley of two points from the start) is the last point.
    /// </summary>
    public static (double Rate, double Loss)? Valley(IReadOnlyList<double> rates, IReadOnlyList<double> losses)
    {
        int n = losses.Count;
        if (n == 0) return null;
        var lengths = Enumerable.Repeat(1, n).ToArray();
        int end = 0, start = 0;
        for (int i = 1; i < n; i++)
        {
            for (int j = 0; j < i; j++)
                if (losses[i] < losses[j] && lengths[i] < lengths[j] + 1) lengths[i] = lengths[j] + 1;
            if (lengths[end] < lengths[i]) (end, start) = (i, i - lengths[i]);
        }
        double sections = (end - start) / 3.0;
        int index = start + (int)sections + (int)(sections / 2);
        if (index < 0) index += n;
        return (rates[index], losses[index]);
    }

    /// <summary>
    /// The interval slide rule: with g = numpy.gradient(losses) (central differences, one-sided at the ends), compare
    /// g at the last point r with g at l = r − 15 and step both left while |g[r] − g[l]| > 0.005; the suggestion is the
    /// rate at l before the last step (at l = count − 16 when no step is taken). Needs 16 points.
    /// </summary>
    public static (double Rate, double Loss)? Slide(IReadOnlyList<double> rates, IReadOnlyList<double> losses)
    {
        int right = losses.Count - 1, left = right - SlideInterval;
        if (left < 0) return null;
        var gradient = Gradient(losses);
        int chosen = left;
        while (left >= 0 && Math.Abs(gradient[right] - gradient[left]) > SlideGradientThreshold)
        {
            chosen = left;
            right--;
            left--;
        }
        return (rates[chosen], losses[chosen]);
    }

    /// <summary>One tenth of the rate at the lowest loss (its first occurrence); the loss is that minimum, marked at 10 × the rate.</summary>
    public static (double Rate, double Loss)? Minimum(IReadOnlyList<double> rates, IReadOnlyList<double> losses)
    {
        if (losses.Count == 0) return null;
        int lowest = 0;
        for (int i = 1; i < losses.Count; i++) if (losses[i] < losses[lowest]) lowest = i;
        return (rates[lowest] / 10, losses[lowest]);
    }

    /// <summary>
    /// The steepest fall: slopes (loss[i+1] − loss[i]) / (ln rate[i+1] − ln rate[i]); the suggestion is the rate at the
    /// left end of the most negative one (its first occurrence). Needs 2 points.
    /// </summary>
    public static (double Rate, double Loss)? Steep(IReadOnlyList<double> rates, IReadOnlyList<double> losses)
    {
        if (losses.Count < 2) return null;
        int steepest = 0;
        double steepestSlope = double.PositiveInfinity;
        for (int i = 0; i + 1 < losses.Count; i++)
        {
            double slope = (losses[i + 1] - losses[i]) / (Math.Log(rates[i + 1]) - Math.Log(rates[i]));
            if (slope < steepestSlope) (steepest, steepestSlope) = (i, slope);
        }
        return (rates[steepest], losses[steepest]);
    }

    /// <summary>numpy.gradient with unit spacing: (f[i+1] − f[i−1]) / 2 inside, f[1] − f[0] and f[n−1] − f[n−2] at the ends.</summary>
    private static double[] Gradient(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var gradient = new double[n];
        gradient[0] = values[1] - values[0];
        gradient[n - 1] = values[n - 1] - values[n - 2];
        for (int i = 1; i < n - 1; i++) gradient[i] = (values[i + 1] - values[i - 1]) / 2;
        return gradient;
    }
}

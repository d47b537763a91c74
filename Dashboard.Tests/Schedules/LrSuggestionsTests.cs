using Dashboard.Training.Events;
using Dashboard.Training.Schedules;

namespace Dashboard.Tests.Schedules;

public class LrSuggestionsTests
{
    private static double[] Decades(int count) => Enumerable.Range(0, count).Select(i => Math.Pow(10, i - count)).ToArray();

    [Fact]
    public void Valley_takes_the_point_about_halfway_along_the_longest_decreasing_subsequence()
    {
        double[] rates = Decades(8);
        // Longest strictly decreasing subsequence: 5, 4, 3, 2, 1, 0.5 (indices 1-5 and 7; the 6 at index 6 is skipped).
        // It ends at e = 7 with length 6, so s = e - 6 = 1; d = (7 - 1) / 3 = 2; index = 1 + ⌊2⌋ + ⌊2 / 2⌋ = 4.
        double[] losses = [3, 5, 4, 3, 2, 1, 6, 0.5];

        Assert.Equal((rates[4], 2.0), LrSuggestions.Valley(rates, losses));
    }

    [Fact]
    public void A_valley_of_two_points_at_the_start_wraps_to_the_last_point_as_pythons_index_minus_one_does()
    {
        double[] rates = Decades(4);
        // Longest: 2, 1 (length 2, ending at e = 1), so s = -1; d = 2 / 3; index = -1 + 0 + 0 = -1, the last point.
        double[] losses = [2, 1, 3, 4];

        Assert.Equal((rates[3], 4.0), LrSuggestions.Valley(rates, losses));
    }

    [Fact]
    public void Slide_steps_left_while_the_gradients_fifteen_points_apart_differ_by_more_than_the_threshold()
    {
        double[] rates = Decades(21);
        // Flat at 1 to index 17, then 1.1, 1.3, 1.6. numpy.gradient: g[17] = 0.05, g[18] = 0.15, g[19] = 0.25, g[20] = 0.3, else 0.
        // (r, l) = (20, 5): |0.3 - 0| > 0.005, keep 5; (19, 4): 0.25, keep 4; (18, 3): 0.15, keep 3; (17, 2): 0.05, keep 2;
        // (16, 1): |0 - 0| = 0, stop. The suggestion is the rate at 2.
        double[] losses = [.. Enumerable.Repeat(1.0, 18), 1.1, 1.3, 1.6];

        Assert.Equal((rates[2], 1.0), LrSuggestions.Slide(rates, losses));
    }

    [Fact]
    public void Slide_on_a_straight_line_suggests_the_point_fifteen_before_the_last()
    {
        double[] rates = Decades(20);
        // Every gradient is -0.01, so |g[19] - g[4]| = 0 and no step is taken: the rate at 20 - 16 = 4.
        double[] losses = Enumerable.Range(0, 20).Select(i => 2 - 0.01 * i).ToArray();

        Assert.Equal(rates[4], LrSuggestions.Slide(rates, losses)!.Value.Rate);
    }

    [Fact]
    public void Slide_needs_sixteen_points() =>
        Assert.Null(LrSuggestions.Slide(Decades(15), Enumerable.Repeat(1.0, 15).ToArray()));

    [Fact]
    public void Minimum_is_a_tenth_of_the_rate_at_the_first_lowest_loss()
    {
        double[] rates = Decades(5);
        // The lowest loss, 1, is first reached at index 2: rate[2] / 10, marked with that loss.
        double[] losses = [3, 2, 1, 1, 2];

        Assert.Equal((rates[2] / 10, 1.0), LrSuggestions.Minimum(rates, losses));
    }

    [Fact]
    public void Steep_divides_each_fall_by_the_log_rate_step()
    {
        double[] rates = [1e-4, 1e-3, 1e-1, 1];
        // Slopes: (1.7 - 2.0) / ln 10 = -0.130, (1.3 - 1.7) / ln 100 = -0.087, (1.2 - 1.3) / ln 10 = -0.043.
        // The steepest is the first segment (by loss alone the second, -0.4, would be): the rate at its left end.
        double[] losses = [2.0, 1.7, 1.3, 1.2];

        Assert.Equal((1e-4, 2.0), LrSuggestions.Steep(rates, losses));
    }

    [Fact]
    public void The_window_skips_a_tenth_of_the_requested_iterations_and_the_last_five_then_stops_at_the_first_NaN()
    {
        double[] rates = Decades(30);
        double[] losses = Enumerable.Range(0, 30).Select(i => 2 - 0.01 * i).ToArray();
        losses[1] = 0.1; // skipped: 40 requested iterations, so the first 40 / 10 = 4 points go
        losses[20] = double.NaN; // the window [4, 25) ends before it
        losses[22] = 0.05;

        var (windowRates, windowLosses) = LrSuggestions.Window(rates, losses, requestedIterations: 40);

        Assert.Equal(rates[4..20], windowRates);
        Assert.Equal(losses[4..20], windowLosses);
        var minimum = LrSuggestions.All(rates, losses, 40).Single(s => s.Method == "minimum");
        Assert.Equal(rates[19] / 10, minimum.LearningRate);
    }

    [Fact]
    public void A_short_window_gives_the_methods_it_can_and_an_empty_one_none()
    {
        double[] rates = Decades(12);
        double[] losses = Enumerable.Range(0, 12).Select(i => 2 - 0.1 * i).ToArray();

        Assert.Equal(["valley", "minimum", "steep"], LrSuggestions.All(rates, losses, 10).Select(s => s.Method));
        Assert.Empty(LrSuggestions.All(rates[..6], losses[..6], 10));
    }

    [Fact]
    public void The_chosen_methods_rate_is_the_suggestion_and_NaN_when_it_gave_none()
    {
        LrSuggestion[] suggestions = [new("valley", 1e-3, 1.2), new("minimum", 1e-2, 0.9)];

        Assert.Equal(1e-2, new LrFindCompleted([], [], [], suggestions, "minimum").Suggestion);
        Assert.True(double.IsNaN(new LrFindCompleted([], [], [], suggestions, "slide").Suggestion));
    }

    [Fact]
    public void An_unknown_method_is_refused_naming_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LrSuggestions.Require("steepest"));
        Assert.Contains("valley, slide, minimum, steep", error.Message);
    }
}

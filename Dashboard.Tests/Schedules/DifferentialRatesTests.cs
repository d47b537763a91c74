using Dashboard.Training.Schedules;

namespace Dashboard.Tests.Schedules;

public class DifferentialRatesTests
{
    [Fact]
    public void Three_groups_get_a_hundredth_a_tenth_and_the_whole_rate()
    {
        // 100^(2/2) = 100, 100^(1/2) = 10, 100^0 = 1.
        Assert.Equal([0.01 / 100, 0.01 / 10, 0.01], DifferentialRates.Spread(0.01, 3));
    }

    [Fact]
    public void Other_group_counts_are_spread_geometrically_from_a_hundredth_to_the_whole_rate()
    {
        var rates = DifferentialRates.Spread(0.01, 5);

        // 100^(1/4) = √10 between neighbours.
        Assert.Equal(0.01 / 100, rates[0], 15);
        Assert.Equal(0.01, rates[^1]);
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.Equal(Math.Sqrt(10), pair.Second / pair.First, 12));
        Assert.Equal([0.01], DifferentialRates.Spread(0.01, 1));
    }
}

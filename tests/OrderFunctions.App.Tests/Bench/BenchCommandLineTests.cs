using OrderFunctions.Bench;

namespace OrderFunctions.App.Tests.Bench;

public sealed class BenchCommandLineTests
{
    [Fact]
    public void BenchRunsTwoThousandOrdersUnlessTold()
    {
        Assert.Equal(new BenchCommandLine.Bench(2000), BenchCommandLine.Parse(["bench"]));
        Assert.Equal(new BenchCommandLine.Bench(100), BenchCommandLine.Parse(["bench", "--orders", "100"]));
        Assert.Equal(new BenchCommandLine.Bench(100), BenchCommandLine.Parse(["bench", "--orders=100"]));
        Assert.Equal(new BenchCommandLine.Bench(2000, 3), BenchCommandLine.Parse(["bench", "--lanes", "3"]));
        Assert.Equal(BenchCommandLine.BenchLanes, new BenchCommandLine.Bench(1).Lanes);
    }

    [Fact]
    public void ChaosRunsAThousandOrdersAndTenKillsUnlessTold()
    {
        Assert.Equal(new BenchCommandLine.Chaos(1000, 10), BenchCommandLine.Parse(["chaos"]));
        Assert.Equal(new BenchCommandLine.Chaos(30, 2), BenchCommandLine.Parse(["chaos", "--kills", "2", "--orders", "30"]));
        Assert.Equal(new BenchCommandLine.Chaos(1000, 10, 1), BenchCommandLine.Parse(["chaos", "--lanes", "1"]));
    }

    [Theory]
    [InlineData("bench", "--orders", "many")]
    [InlineData("bench", "--orders", "-5")]
    [InlineData("bench", "--kills", "3")]
    [InlineData("bench", "--lanes", "0")]
    [InlineData("chaos", "--lanes", "51")]
    [InlineData("chaos", "--orders")]
    [InlineData("benchmark")]
    public void BadArgumentsAreRefusedNamingTheProblem(params string[] args)
    {
        var e = Assert.Throws<BenchUsageException>(() => BenchCommandLine.Parse(args));

        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}

using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void LiteralsAreTypedAndStringsEscaped()
    {
        Assert.Equal("'it''s'", TableFilter.Literal("it's"));
        Assert.Equal("42", TableFilter.Literal(42));
        Assert.Equal("42L", TableFilter.Literal(42L));
        Assert.Equal("2.0", TableFilter.Literal(2.0));
        Assert.Equal("0.5", TableFilter.Literal(0.5));
        Assert.Equal("true", TableFilter.Literal(true));
        Assert.Equal("datetime'2025-01-02T01:04:05.0000000Z'", TableFilter.Literal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));
        Assert.Equal("guid'00000000-0000-0000-0000-000000000001'", TableFilter.Literal(new Guid("00000000-0000-0000-0000-000000000001")));
        Assert.Equal("X'00ff'", TableFilter.Literal(new byte[] { 0, 255 }));
    }

    [Fact]
    public void AndParenthesizesEachPart()
    {
        var filter = TableFilter.And(TableFilter.Equal("PartitionKey", "p"), TableFilter.GreaterThanOrEqual("RowKey", "a"), TableFilter.LessThan("RowKey", "b"));

        Assert.Equal("(PartitionKey eq 'p') and (RowKey ge 'a') and (RowKey lt 'b')", filter);
    }

    [Fact]
    public void PropertyNamesThatAreNotIdentifiersAreRefused()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Name eq 'x' or Name", "y"));
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Name", 1.5m));
        Assert.Throws<ArgumentNullException>(() => TableFilter.Equal("Name", null!));
    }
}

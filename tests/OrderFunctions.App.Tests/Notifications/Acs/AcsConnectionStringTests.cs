using System.Security.Cryptography;
using OrderFunctions.App.Notifications.Acs;

namespace OrderFunctions.App.Tests.Notifications.Acs;

public sealed class AcsConnectionStringTests
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private string Key => Convert.ToBase64String(_key);

    [Fact]
    public void ParsesEndpointAndDecodedKeyWhateverTheCaseAndSpacing()
    {
        var parsed = AcsConnectionString.Parse($" Endpoint=https://contoso.communication.azure.com/ ; AccessKey={Key};");

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), parsed.Endpoint);
        Assert.Equal(_key, parsed.AccessKey);
    }

    [Theory]
    [InlineData("accesskey={key}", "no 'endpoint'")]
    [InlineData("endpoint=https://contoso.communication.azure.com/", "no 'accesskey'")]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not*base64{key}", "not valid base64")]
    [InlineData("endpoint=http://contoso.communication.azure.com/;accesskey={key}", "must be an absolute https URL")]
    [InlineData("endpoint=https://contoso.communication.azure.com/;garbage", "without 'name=value'")]
    public void MalformedConnectionStringIsRejectedNamingTheProblemNotTheKey(string template, string problem)
    {
        var e = Assert.Throws<FormatException>(() => AcsConnectionString.Parse(template.Replace("{key}", Key, StringComparison.Ordinal)));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringHidesTheKey()
    {
        var text = AcsConnectionString.Parse($"endpoint=https://contoso.communication.azure.com/;accesskey={Key}").ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("contoso.communication.azure.com", text, StringComparison.Ordinal);
    }
}

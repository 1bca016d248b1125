using OrderFunctions.Storage.Connection;

namespace OrderFunctions.Storage.Tests.Connection;

public sealed class StorageConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5";

    [Fact]
    public void UseDevelopmentStorageTargetsAzuriteDefaultPortsPathStyle()
    {
        var connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal("SharedKey", connection.AuthMode);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal("devstoreaccount1", connection.SharedKey?.AccountName);
    }

    [Fact]
    public void UseDevelopmentStorageWithProxyKeepsTheEmulatorPortsOnTheProxyHost()
    {
        var connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local");

        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://azurite.local:10001/devstoreaccount1"), connection.QueueServiceUri);
    }

    [Fact]
    public void UseDevelopmentStorageWithExplicitEndpointsUsesThem()
    {
        var connection = StorageConnection.FromConnectionString(
            "UseDevelopmentStorage=true;TableEndpoint=http://127.0.0.1:51002/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:51001/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:51002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:51001/devstoreaccount1"), connection.QueueServiceUri);
    }

    [Fact]
    public void ExplicitEndpointsStringUsesItsEndpointsAndAccount()
    {
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;TableEndpoint=http://127.0.0.1:3/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:3/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:2/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal("devstoreaccount1", connection.SharedKey?.AccountName);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/", "https://acct.queue.core.windows.net/")]
    [InlineData("AccountName=acct;AccountKey=" + Key, "https://acct.table.core.windows.net/", "https://acct.queue.core.windows.net/")]
    [InlineData("defaultendpointsprotocol=http;accountname=acct;accountkey=" + Key + ";endpointsuffix=core.chinacloudapi.cn", "http://acct.table.core.chinacloudapi.cn/", "http://acct.queue.core.chinacloudapi.cn/")]
    public void AzureStyleStringsBuildPublicEndpoints(string connectionString, string table, string queue)
    {
        var connection = StorageConnection.FromConnectionString(connectionString);

        Assert.Equal(new Uri(table), connection.TableServiceUri);
        Assert.Equal(new Uri(queue), connection.QueueServiceUri);
    }

    [Fact]
    public void ToStringNeverShowsTheKey()
    {
        var connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key}");

        var text = connection.ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("acct", text, StringComparison.Ordinal);
        Assert.Contains("SharedKey", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=acct;AccountKey=not*base64!", "base64")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";SharedAccessSignature=sv=1", "SharedAccessSignature")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("just text", "Name=Value")]
    public void MalformedStringsNameTheProblemButNotTheKey(string connectionString, string expected)
    {
        var e = Assert.Throws<FormatException>(() => StorageConnection.FromConnectionString(connectionString));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", e.Message, StringComparison.Ordinal);
    }
}

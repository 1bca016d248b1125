using System.Security.Cryptography;
using System.Text;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Storage.Tests.Support;

namespace OrderFunctions.Storage.Tests.Pipeline;

/// <summary>The string-to-sign of each service, spelled out from the REST docs ("Authorize with Shared Key"), and
/// the signature HMAC-SHA256(key, string-to-sign) in <c>Authorization: SharedKey account:signature</c>.</summary>
public sealed class SharedKeySigningTests
{
    private const string Date = "Mon, 02 Jun 2025 10:00:00 GMT";
    private const string AzureKey = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task TableGetSignsVerbDateAndAccountTwiceForPathStyleUrls()
    {
        var transport = new CapturingTransport(new CannedResponse(404, "", ("x-ms-error-code", "ResourceNotFound")));
        var table = Connection("UseDevelopmentStorage=true").CreateTableServiceClient(Options(transport)).GetTableClient("orders");

        await table.GetEntityOrDefaultAsync("p'1", "r 1");

        var request = transport.Single;
        Assert.Equal(Date, request.Header("x-ms-date"));
        Assert.Equal("2019-02-02", request.Header("x-ms-version"));
        AssertSigned(request, "devstoreaccount1", DevelopmentKey,
            $"GET\n\n\n{Date}\n/devstoreaccount1/devstoreaccount1/orders(PartitionKey='p%27%271',RowKey='r%201')");
    }

    [Fact]
    public async Task TableInsertSignsContentTypeAndIgnoresQueryExceptComp()
    {
        var transport = new CapturingTransport(new CannedResponse(204, "", ("ETag", "W/\"x\"")), new CannedResponse(200, "{\"value\":[]}"));
        var table = Connection($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzureKey}").CreateTableServiceClient(Options(transport)).GetTableClient("orders");

        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.QueryPageAsync("PartitionKey eq 'p'", maxPerPage: 5);

        Assert.Equal("https://acct.table.core.windows.net/orders", transport.Requests[0].Uri.ToString());
        AssertSigned(transport.Requests[0], "acct", AzureKey, $"POST\n\napplication/json\n{Date}\n/acct/orders");
        AssertSigned(transport.Requests[1], "acct", AzureKey, $"GET\n\n\n{Date}\n/acct/orders()");
    }

    [Fact]
    public async Task QueueSendSignsLengthTypeCanonicalHeadersAndSortedQueryParameters()
    {
        var transport = new CapturingTransport(new CannedResponse(201, SentXml));
        var connection = Connection($"AccountName=devstoreaccount1;AccountKey={DevelopmentKey};QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1");
        var queue = connection.CreateQueueServiceClient(Options(transport)).GetQueueClient("steps");

        await queue.SendMessageAsync("hello", visibilityDelay: TimeSpan.FromSeconds(5), timeToLive: TimeSpan.FromMinutes(1));

        var request = transport.Single;
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1/steps/messages?visibilitytimeout=5&messagettl=60", request.Uri.ToString());
        AssertSigned(request, "devstoreaccount1", DevelopmentKey,
            $"POST\n\n\n{request.Content.Length}\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{request.Header("x-ms-client-request-id")}\nx-ms-date:{Date}\nx-ms-return-client-request-id:true\nx-ms-version:2019-02-02\n" +
            "/devstoreaccount1/devstoreaccount1/steps/messages\nmessagettl:60\nvisibilitytimeout:5");
    }

    [Fact]
    public async Task QueueDeleteSignsUnescapedPopReceiptAndEmptyContentLength()
    {
        var transport = new CapturingTransport(new CannedResponse(204));
        var queue = Connection($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzureKey}").CreateQueueServiceClient(Options(transport)).GetQueueClient("steps");

        await queue.DeleteMessageAsync("id-1", "AgAAAA+/=x y");

        var request = transport.Single;
        Assert.Contains("popreceipt=AgAAAA%2B%2F%3Dx%20y", request.Uri.Query, StringComparison.Ordinal);
        AssertSigned(request, "acct", AzureKey,
            $"DELETE\n\n\n\n\n\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{request.Header("x-ms-client-request-id")}\nx-ms-date:{Date}\nx-ms-return-client-request-id:true\nx-ms-version:2019-02-02\n" +
            "/acct/steps/messages/id-1\npopreceipt:AgAAAA+/=x y");
    }

    [Fact]
    public async Task QueueMetadataSignsCompAsACanonicalParameter()
    {
        var transport = new CapturingTransport(new CannedResponse(200, "", ("x-ms-approximate-messages-count", "3")));
        var queue = Connection($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzureKey}").CreateQueueServiceClient(Options(transport)).GetQueueClient("steps");

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());

        var request = transport.Single;
        AssertSigned(request, "acct", AzureKey,
            $"GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{request.Header("x-ms-client-request-id")}\nx-ms-date:{Date}\nx-ms-return-client-request-id:true\nx-ms-version:2019-02-02\n" +
            "/acct/steps\ncomp:metadata");
    }

    private const string SentXml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m1</MessageId>" +
        "<InsertionTime>Mon, 02 Jun 2025 10:00:00 GMT</InsertionTime><ExpirationTime>Mon, 02 Jun 2025 10:01:00 GMT</ExpirationTime>" +
        "<PopReceipt>pr</PopReceipt><TimeNextVisible>Mon, 02 Jun 2025 10:00:05 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>";

    private static StorageConnection Connection(string connectionString) => StorageConnection.FromConnectionString(connectionString);

    private static StorageClientOptions Options(CapturingTransport transport) => new()
    {
        Transport = transport,
        TimeProvider = new FixedTimeProvider(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero)),
    };

    private static void AssertSigned(CapturedRequest request, string account, string base64Key, string expectedStringToSign)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.UTF8.GetBytes(expectedStringToSign)));
        Assert.Equal($"SharedKey {account}:{signature}", request.Header("Authorization"));
    }
}

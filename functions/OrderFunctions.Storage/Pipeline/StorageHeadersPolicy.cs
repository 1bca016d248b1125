using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Pipeline;

/// <summary>Per-retry: the API version and a fresh <c>x-ms-date</c> on every attempt (both auth modes need it, and
/// Shared Key signs it, so it must precede the auth policy).</summary>
internal sealed class StorageHeadersPolicy(string apiVersion, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue(StorageHeaders.Version, apiVersion);
        message.Request.Headers.SetValue(StorageHeaders.Date, timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}

internal static class StorageHeaders
{
    public const string Version = "x-ms-version";
    public const string Date = "x-ms-date";
    public const string ErrorCode = "x-ms-error-code";
    public const string ContentMd5 = "Content-MD5";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLanguage = "Content-Language";
    public const string Prefer = "Prefer";
    public const string ReturnNoContent = "return-no-content";
    public const string DataServiceVersion = "DataServiceVersion";
    public const string MaxDataServiceVersion = "MaxDataServiceVersion";
    public const string ContinuationNextPartitionKey = "x-ms-continuation-NextPartitionKey";
    public const string ContinuationNextRowKey = "x-ms-continuation-NextRowKey";
    public const string PopReceipt = "x-ms-popreceipt";
    public const string TimeNextVisible = "x-ms-time-next-visible";
    public const string ApproximateMessagesCount = "x-ms-approximate-messages-count";
}

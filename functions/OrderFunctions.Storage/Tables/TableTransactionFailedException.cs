using Azure;

namespace OrderFunctions.Storage.Tables;

/// <summary>An entity group transaction was rejected as a whole; <see cref="FailedActionIndex"/> names the action
/// the service blamed (e.g. the Add that hit 409, the Update whose If-Match gave 412).</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string? errorCode, string message, int? failedActionIndex)
        : base(status, message, errorCode, innerException: null)
    {
        FailedActionIndex = failedActionIndex;
    }

    public int? FailedActionIndex { get; }
}

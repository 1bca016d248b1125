namespace OrderFunctions.App.Notifications.Acs;

/// <summary>The state of an ACS email send operation (<c>EmailSendResult</c> in the REST API: <c>id</c>, <c>status</c>,
/// <c>error</c> when a terminal status is not a success).</summary>
public sealed record AcsEmailOperation(string Id, string Status, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool IsTerminal => Status is AcsEmailStatus.Succeeded or AcsEmailStatus.Failed or AcsEmailStatus.Canceled;
}

/// <summary>The documented <c>EmailSendStatus</c> values (an extensible string enum in the REST API).</summary>
public static class AcsEmailStatus
{
    public const string NotStarted = "NotStarted";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";
}

/// <summary>Error codes of <see cref="Azure.RequestFailedException"/>s this client raises itself (service errors keep
/// the service's own code, from <c>x-ms-error-code</c> or the error body), so callers can write
/// <c>catch (RequestFailedException e) when (e.ErrorCode == AcsEmailErrorCodes.OperationTimedOut)</c>.</summary>
public static class AcsEmailErrorCodes
{
    /// <summary>The operation ended <c>Failed</c> without an error code of its own.</summary>
    public const string OperationFailed = "OperationFailed";

    public const string OperationCanceled = "OperationCanceled";

    /// <summary>The operation was still running when <see cref="AcsEmailClientOptions.MaxPollDuration"/> ran out.</summary>
    public const string OperationTimedOut = "OperationTimedOut";

    /// <summary>The status of an operation could not be read (404): it was never accepted or has expired.</summary>
    public const string OperationNotFound = "OperationNotFound";

    /// <summary>No answer at all after the pipeline's retries (connection refused, time-outs, TLS failures).</summary>
    public const string ServiceUnreachable = "ServiceUnreachable";
}

namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// A marketplace or shop call failed. The message names the platform, the order (when known) and the field
/// (for bad payloads), never a secret. <see cref="IsTransient"/> decides between retrying the step and holding
/// or failing the order at once.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string platform, string message, bool isTransient, int? httpStatus = null, string? orderId = null, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Platform = platform;
        IsTransient = isTransient;
        HttpStatus = httpStatus;
        OrderId = orderId;
        Field = field;
    }

    public string Platform { get; }

    public bool IsTransient { get; }

    public int? HttpStatus { get; }

    public string? OrderId { get; }

    public string? Field { get; }

    /// <summary>How long the platform asked us to wait (429 Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The platform refused because we were too fast (429, Shopify's THROTTLED): nothing is wrong with the order
    /// or the platform, so the call is tried again later without counting as a failed attempt — a burst of orders must
    /// not fail the ones that meet a full rate window.</summary>
    public bool IsThrottled { get; init; }
}

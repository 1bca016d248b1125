using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Bol;

/// <summary>A process status: every change bol accepts answers 202 with one, and its <c>status</c> moves from PENDING to
/// SUCCESS, FAILURE or TIMEOUT (poll <c>GET /shared/process-status/{id}</c>).</summary>
internal sealed record BolProcess(string Id, string Status, string? EntityId, string? ErrorMessage)
{
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string Timeout = "TIMEOUT";

    public bool IsPending => Status == Pending;

    public static BolProcess Read(PayloadReader process)
    {
        var statusField = process.Required("status");
        var status = statusField.AsString();
        if (status is not (Pending or Success or Failure or Timeout))
        {
            throw statusField.Error(statusField.Path, $"has the unknown status '{status}'");
        }

        return new BolProcess(
            process.Required("processStatusId").AsNonEmptyString(),
            status,
            process.Optional("entityId")?.AsString(),
            process.Optional("errorMessage")?.AsString());
    }

    public ShipmentPushResult ToPushResult() => Status switch
    {
        Pending => new ShipmentPushResult(ShipmentProgress.Pending, Id),
        Success => ShipmentPushResult.Done,
        Timeout => new ShipmentPushResult(ShipmentProgress.Failed, Id, "bol timed out processing the request (TIMEOUT); it can be sent again."),
        _ => new ShipmentPushResult(ShipmentProgress.Failed, Id, $"bol rejected the request: {ErrorMessage ?? "no reason given"}"),
    };
}

namespace OrderFunctions.Sandbox.Common;

/// <summary>A request a simulator refuses, with the HTTP status and the platform's reason; each simulator writes it in
/// its platform's error shape.</summary>
public sealed record SimulatorError(int Status, string Message)
{
    public static SimulatorError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static SimulatorError NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}

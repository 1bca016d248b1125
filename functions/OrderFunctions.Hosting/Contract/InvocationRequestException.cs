namespace OrderFunctions.Hosting.Contract;

/// <summary>The invocation request is not what the Functions host sends: not JSON, no <c>Data</c> object, or a value of
/// the wrong type. The message names what is wrong and never repeats the payload.</summary>
public sealed class InvocationRequestException : Exception
{
    public InvocationRequestException(string message)
        : base(message)
    {
    }

    public InvocationRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvocationRequestException()
    {
    }
}

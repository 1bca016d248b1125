namespace OrderFunctions.Hosting.Standalone;

/// <summary>The standalone runtime cannot start with what it was given: an invalid host.json key, a missing app
/// setting, a bad schedule or route. The message names the key or function at fault and never holds a secret.</summary>
public sealed class StandaloneConfigurationException : InvalidOperationException
{
    public StandaloneConfigurationException(string message)
        : base(message)
    {
    }

    public StandaloneConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

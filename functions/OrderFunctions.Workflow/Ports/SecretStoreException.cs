namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// A connector secret could not be read from the <see cref="ISecretStore"/>. The message names the secret and where
/// it was looked for, never a value. <see cref="IsTransient"/> is false when retrying cannot help (the secret does
/// not exist, access is denied, the local secret file is broken) and true for outages (Key Vault unreachable, 5xx).
/// </summary>
public sealed class SecretStoreException : Exception
{
    public SecretStoreException(string secretName, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        SecretName = secretName;
        IsTransient = isTransient;
    }

    public string SecretName { get; }

    public bool IsTransient { get; }
}

namespace OrderFunctions.App.Notifications.Acs;

/// <summary>
/// An Azure Communication Services connection string, <c>endpoint=https://{resource}.communication.azure.com/;accesskey={base64}</c>
/// (keys case-insensitive, as the portal and the Azure SDKs write them). The access key is kept decoded and is never
/// printed: <see cref="ToString"/> and every error name the problem, not the value.
/// </summary>
public sealed class AcsConnectionString
{
    private AcsConnectionString(Uri endpoint, byte[] accessKey)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
    }

    public Uri Endpoint { get; }

    /// <summary>The base64-decoded access key: the HMAC-SHA256 signing key.</summary>
    internal byte[] AccessKey { get; }

    /// <exception cref="FormatException">The string is not of the documented form; the message names what is wrong.</exception>
    public static AcsConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        string? endpoint = null;
        string? accessKey = null;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The ACS connection string has a part without 'name=value'; expected 'endpoint=https://…;accesskey=…'.");
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpoint = value;
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                accessKey = value;
            }
        }

        if (endpoint is null)
        {
            throw new FormatException("The ACS connection string has no 'endpoint'.");
        }

        if (string.IsNullOrEmpty(accessKey))
        {
            throw new FormatException("The ACS connection string has no 'accesskey'.");
        }

        var key = new byte[accessKey.Length];
        if (!Convert.TryFromBase64String(accessKey, key, out var keyLength) || keyLength == 0)
        {
            throw new FormatException("The ACS connection string's 'accesskey' is not valid base64.");
        }

        return new AcsConnectionString(ValidateEndpoint(endpoint, "The ACS connection string's 'endpoint'"), key[..keyLength]);
    }

    /// <summary>Checks an ACS endpoint: absolute and https (the access key and bearer tokens never travel in the clear).</summary>
    /// <param name="what">How the caller names the value in the error, e.g. <c>Notifications:Endpoint</c>.</param>
    public static Uri ValidateEndpoint(string endpoint, string what)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
        {
            throw new FormatException($"{what} must be an absolute https URL without a query, such as https://my-resource.communication.azure.com.");
        }

        return uri;
    }

    /// <summary>The endpoint only; the access key is never printed.</summary>
    public override string ToString() => $"endpoint={Endpoint.AbsoluteUri};accesskey=***";
}

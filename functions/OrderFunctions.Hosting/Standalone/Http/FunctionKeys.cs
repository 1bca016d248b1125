using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Standalone.Http;

/// <summary>
/// The host's key check: the key comes from the <c>x-functions-key</c> header, else the <c>code</c> query parameter;
/// <c>function</c> level accepts the function key or the master key, <c>admin</c> only the master key. Compared in
/// constant time; which key exists is never revealed (every refusal is the same bare 401).
/// </summary>
internal sealed class FunctionKeys
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQueryParameter = "code";

    private readonly byte[] _functionKey;
    private readonly byte[] _masterKey;

    public FunctionKeys(string functionKey, string masterKey)
    {
        if (string.IsNullOrEmpty(functionKey) || string.IsNullOrEmpty(masterKey))
        {
            throw new StandaloneConfigurationException("The standalone runtime needs a non-empty function key and master key.");
        }

        _functionKey = Encoding.UTF8.GetBytes(functionKey);
        _masterKey = Encoding.UTF8.GetBytes(masterKey);
    }

    public bool Authorizes(AuthorizationLevel level, HttpRequest request)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        string? presented = request.Headers[KeyHeader];
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[KeyQueryParameter];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(presented);
        var isMaster = CryptographicOperations.FixedTimeEquals(key, _masterKey);
        var isFunction = CryptographicOperations.FixedTimeEquals(key, _functionKey);
        return isMaster || (level == AuthorizationLevel.Function && isFunction);
    }
}

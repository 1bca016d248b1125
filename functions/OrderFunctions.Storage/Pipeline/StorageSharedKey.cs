using System.Security.Cryptography;
using System.Text;

namespace OrderFunctions.Storage.Pipeline;

/// <summary>An account name and its key. The key never leaves this type except as an HMAC.</summary>
internal sealed class StorageSharedKey
{
    private readonly byte[] _key;

    public StorageSharedKey(string accountName, string base64Key)
    {
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            // Never echo the key: say what is wrong with it, not what it is.
            throw new FormatException($"The AccountKey of storage account '{accountName}' is not valid base64.");
        }
    }

    public string AccountName { get; }

    public string Sign(string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey({AccountName})";
}

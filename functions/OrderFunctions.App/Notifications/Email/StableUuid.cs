using System.Security.Cryptography;
using System.Text;

namespace OrderFunctions.App.Notifications.Email;

/// <summary>Name-based UUIDs: the same name always gives the same UUID, so a redelivered notification maps to the same
/// ACS operation id, file name and Message-ID. RFC 9562 version 8 (custom) over SHA-256, since version 5 would need SHA-1.</summary>
public static class StableUuid
{
    public static Guid For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes[..16], bigEndian: true);
    }
}

using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Pipeline;

/// <summary>
/// Shared Key authorization ("Authorize with Shared Key", REST docs): <c>Authorization: SharedKey account:signature</c>
/// with signature = Base64(HMAC-SHA256(key, UTF-8 string-to-sign)). The Table and Queue services build the
/// string-to-sign differently (<see cref="TableSharedKeyPolicy"/>, <see cref="QueueSharedKeyPolicy"/>).
/// Must run after <see cref="StorageHeadersPolicy"/> (it signs <c>x-ms-date</c>) and last among the per-retry policies.
/// </summary>
internal abstract class SharedKeyPolicy(StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    protected StorageSharedKey Key { get; } = key;

    public override void OnSendingRequest(HttpMessage message)
    {
        var signature = Key.Sign(BuildStringToSign(message.Request));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {Key.AccountName}:{signature}");
    }

    internal abstract string BuildStringToSign(Request request);

    /// <summary>"/" + account + the encoded URI path as sent. With path-style URLs (Azurite, explicit endpoints) the
    /// path starts with the account again, so it appears twice, as the docs require for the emulator.</summary>
    protected string CanonicalizedResourcePath(Request request)
    {
        var path = request.Uri.Path;
        return "/" + Key.AccountName + (string.IsNullOrEmpty(path) ? "/" : path);
    }

    protected static string Header(Request request, string name) => request.Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>The query parameters, names lower-cased, values unescaped, in the order they appear.</summary>
    protected static IEnumerable<(string Name, string Value)> QueryParameters(Request request)
    {
        var query = request.Uri.Query;
        if (string.IsNullOrEmpty(query))
        {
            yield break;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? pair : pair[..separator];
            var value = separator < 0 ? "" : pair[(separator + 1)..];
            yield return (Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value));
        }
    }
}

/// <summary>Table service (2009-09-19 and later):
/// <c>VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedResource</c>, where Date is <c>x-ms-date</c> and the
/// canonicalized resource is "/account/path" plus <c>?comp=…</c> when that parameter is present (no other parameter).</summary>
internal sealed class TableSharedKeyPolicy(StorageSharedKey key) : SharedKeyPolicy(key)
{
    internal override string BuildStringToSign(Request request)
    {
        var date = Header(request, StorageHeaders.Date);
        if (date.Length == 0)
        {
            date = Header(request, HttpHeader.Names.Date);
        }

        var resource = CanonicalizedResourcePath(request);
        foreach (var (name, value) in QueryParameters(request))
        {
            if (name == "comp")
            {
                resource += "?comp=" + value;
                break;
            }
        }

        return string.Join('\n',
            request.Method.Method.ToUpperInvariant(),
            Header(request, StorageHeaders.ContentMd5),
            Header(request, HttpHeader.Names.ContentType),
            date,
            resource);
    }
}

/// <summary>Blob, Queue and File services (2009-09-19 and later): the verb, eleven standard headers (Content-Length
/// empty when zero; Date empty because <c>x-ms-date</c> is sent), then CanonicalizedHeaders (every <c>x-ms-*</c>
/// header, lower-cased, sorted, "name:value\n") and CanonicalizedResource ("/account/path", then one
/// "\nname:v1,v2" line per query parameter, names lower-cased and sorted, values unescaped and sorted).</summary>
internal sealed class QueueSharedKeyPolicy(StorageSharedKey key) : SharedKeyPolicy(key)
{
    internal override string BuildStringToSign(Request request)
    {
        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "";

        var builder = new StringBuilder()
            .Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header(request, StorageHeaders.ContentEncoding)).Append('\n')
            .Append(Header(request, StorageHeaders.ContentLanguage)).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header(request, StorageHeaders.ContentMd5)).Append('\n')
            .Append(Header(request, HttpHeader.Names.ContentType)).Append('\n')
            .Append(request.Headers.Contains(StorageHeaders.Date) ? "" : Header(request, HttpHeader.Names.Date)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfModifiedSince)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfMatch)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfNoneMatch)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfUnmodifiedSince)).Append('\n')
            .Append(Header(request, HttpHeader.Names.Range)).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append(CanonicalizedResourcePath(request));
        foreach (var parameter in QueryParameters(request)
                     .GroupBy(p => p.Name, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = parameter.Select(p => p.Value).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }
}

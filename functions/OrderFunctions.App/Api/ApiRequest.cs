using System.Text.Json;
using Azure;
using OrderFunctions.App.Api.Problems;

namespace OrderFunctions.App.Api;

/// <summary>What every API function reads from its request: route values, query values, the If-Match ETag, and a body
/// read with a size limit (413 beyond it) — JSON into a type, or the raw bytes a webhook signature covers.</summary>
internal sealed class ApiRequest(HttpContext context)
{
    /// <summary>Administration bodies: an integration with its status map is a few kilobytes.</summary>
    public const int MaxJsonBodyBytes = 256 * 1024;

    public HttpContext Context { get; } = context;

    public string Route(string name) => Context.Request.RouteValues[name] as string
        ?? throw new InvalidOperationException($"The route has no '{name}' value.");

    public string? Query(string name)
    {
        var value = Context.Request.Query[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string? Header(string name)
    {
        var value = Context.Request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The ETag the client last read; edits without one are refused (428), so no one overwrites an edit they
    /// never saw.</summary>
    public ETag IfMatch()
    {
        var value = Context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ApiProblemException(
                StatusCodes.Status428PreconditionRequired,
                "If-Match is required.",
                "Send the ETag of the version you edit (from GET) in the If-Match header.");
        }

        return new ETag(value.Trim());
    }

    /// <summary>The body as <typeparamref name="T"/>; an empty body is a 400 naming <c>body</c>.</summary>
    public async Task<T> ReadJsonAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadBodyAsync(MaxJsonBodyBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            throw ApiProblemException.Invalid("body", "A JSON body is required.");
        }

        return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options) ?? throw ApiProblemException.Invalid("body", "A JSON object is required, not null.");
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when there is none (optional bodies).</summary>
    public async Task<T?> ReadOptionalJsonAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadBodyAsync(MaxJsonBodyBytes, cancellationToken);
        return bytes.Length == 0 ? null : JsonSerializer.Deserialize<T>(bytes, ApiJson.Options);
    }

    /// <summary>The raw body, at most <paramref name="limit"/> bytes (413 otherwise, checked before reading when the
    /// length is declared).</summary>
    public async Task<byte[]> ReadBodyAsync(int limit, CancellationToken cancellationToken)
    {
        if (Context.Request.ContentLength > limit)
        {
            throw ApiProblemException.TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiProblemException.TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

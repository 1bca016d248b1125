using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Tests.Support;

/// <summary>A request as it reached the wire: after every policy ran.</summary>
internal sealed record CapturedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Content)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>A transport that answers from a script instead of the network and keeps every request it was sent
/// (Azure.Core's own MockTransport is not in the package).</summary>
internal sealed class CapturingTransport(params CannedResponse[] script) : HttpPipelineTransport
{
    private readonly Queue<CannedResponse> _script = new(script);
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests => _requests;

    public CapturedRequest Single => Assert.Single(_requests);

    public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

    public override void Process(HttpMessage message)
    {
        var content = Array.Empty<byte>();
        if (message.Request.Content is { } requestContent)
        {
            using var buffer = new MemoryStream();
            requestContent.WriteTo(buffer, CancellationToken.None);
            content = buffer.ToArray();
        }

        _requests.Add(new CapturedRequest(
            message.Request.Method.Method,
            message.Request.Uri.ToUri(),
            message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
            content));
        var canned = _script.Count > 1 ? _script.Dequeue() : _script.Peek();
        message.Response = canned.ToResponse(message.Request.ClientRequestId);
    }

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Process(message);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A scripted answer.</summary>
internal sealed record CannedResponse(int Status, string Body = "", params (string Name, string Value)[] Headers)
{
    public Response ToResponse(string clientRequestId) => new Answer(this, clientRequestId);

    private sealed class Answer(CannedResponse canned, string clientRequestId) : Response
    {
        public override int Status => canned.Status;

        public override string ReasonPhrase => "";

        public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(canned.Body));

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => canned.Headers.Select(h => new HttpHeader(h.Name, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = canned.Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
            return value is not null;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = TryGetHeader(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;

namespace OrderFunctions.Storage.Pipeline;

/// <summary>Builds the one <see cref="HttpPipeline"/> a service client uses, and sends its requests.</summary>
internal static class StoragePipeline
{
    /// <summary>Azure.Core's retries, logging and tracing from <paramref name="options"/>; then, on every attempt,
    /// the version/date headers, the transaction counter (when attached) and finally authorization, which signs or
    /// stamps the request exactly as it goes on the wire.</summary>
    public static HttpPipeline Build(StorageClientOptions options, StorageService service, HttpPipelinePolicy authorization)
    {
        var pipelineOptions = new HttpPipelineOptions(options) { RequestFailedDetailsParser = new StorageErrorParser() };
        pipelineOptions.PerRetryPolicies.Add(new StorageHeadersPolicy(StorageApiVersion.For(service), options.TimeProvider));
        if (options.TransactionCounter is { } counter)
        {
            pipelineOptions.PerRetryPolicies.Add(new TransactionCountingPolicy(counter));
        }

        pipelineOptions.PerRetryPolicies.Add(authorization);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>A request to <paramref name="serviceUri"/>, tagged with its operation kind and the table or queue it
    /// addresses (<paramref name="resource"/>), whose success statuses are exactly <paramref name="classifier"/>'s (so
    /// an expected 404 or 409 is neither logged nor thrown as an error).</summary>
    public static HttpMessage CreateMessage(
        this HttpPipeline pipeline, RequestMethod method, Uri serviceUri, string operationKind, string? resource, ResponseClassifier classifier)
    {
        var message = pipeline.CreateMessage();
        message.ResponseClassifier = classifier;
        message.Request.Method = method;
        message.Request.Uri.Reset(serviceUri);
        OperationKind.Tag(message, operationKind, resource);
        return message;
    }

    /// <summary>Sends; any status outside the message's classifier becomes a <see cref="RequestFailedException"/>
    /// carrying <c>Status</c> and <c>ErrorCode</c>.</summary>
    public static async Task<Response> SendCheckedAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        return response;
    }

    public static StatusCodeClassifier Classifier(params ReadOnlySpan<ushort> successStatuses) => new(successStatuses);
}

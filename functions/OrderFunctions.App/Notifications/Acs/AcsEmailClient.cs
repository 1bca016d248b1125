using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications.Acs;

/// <summary>
/// A small client for the Azure Communication Services Email REST API on Azure.Core's <see cref="HttpPipeline"/>:
/// <c>POST {endpoint}/emails:send</c> (202 + <c>Operation-Location</c>) and
/// <c>GET {endpoint}/emails/operations/{id}</c> (<c>NotStarted</c>/<c>Running</c> until <c>Succeeded</c>,
/// <c>Failed</c> or <c>Canceled</c>). Authenticates with an access key (HMAC-SHA256 request signing) or with
/// Microsoft Entra ID (bearer tokens for <see cref="EntraIdScope"/>). Every failure is a
/// <see cref="RequestFailedException"/> with the HTTP status and the service's error code; messages never carry the
/// key, a token or the mail's content.
/// </summary>
public sealed class AcsEmailClient
{
    /// <summary>The token scope the Azure SDK for .NET's Communication clients request (resource
    /// <c>https://communication.azure.com/</c> + <c>/.default</c>).</summary>
    public const string EntraIdScope = "https://communication.azure.com//.default";

    /// <summary>Request header that lets the caller choose the send operation's id (GA API versions).</summary>
    public const string OperationIdHeader = "Operation-Id";

    private const int MaxErrorMessageLength = 300;

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpPipeline _pipeline;
    private readonly AcsEmailClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Access-key authentication (HMAC-SHA256 signing), for local and development use.</summary>
    public AcsEmailClient(AcsConnectionString connectionString, AcsEmailClientOptions? options = null, TimeProvider? time = null, ILogger<AcsEmailClient>? logger = null)
        : this(
            (connectionString ?? throw new ArgumentNullException(nameof(connectionString))).Endpoint,
            new AcsHmacAuthenticationPolicy(connectionString.AccessKey, time ?? TimeProvider.System),
            options,
            time,
            logger)
    {
    }

    /// <summary>Microsoft Entra ID authentication (managed identity in Azure).</summary>
    public AcsEmailClient(Uri endpoint, TokenCredential credential, AcsEmailClientOptions? options = null, TimeProvider? time = null, ILogger<AcsEmailClient>? logger = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), EntraIdScope), options, time, logger)
    {
    }

    private AcsEmailClient(Uri endpoint, HttpPipelinePolicy authentication, AcsEmailClientOptions? options, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            Endpoint = AcsConnectionString.ValidateEndpoint(endpoint.OriginalString, "The ACS endpoint");
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, nameof(endpoint), e);
        }

        _options = options ?? new AcsEmailClientOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _pipeline = HttpPipelineBuilder.Build(_options, [], [authentication], new ResponseClassifier());
    }

    public Uri Endpoint { get; }

    /// <summary>Queues <paramref name="message"/> for sending. The returned operation is usually <c>Running</c>; follow it
    /// with <see cref="WaitForCompletionAsync"/>. <paramref name="operationId"/> is sent as <c>Operation-Id</c> and on
    /// every retry of this request, so the operation can be found again (<see cref="GetOperationAsync"/>) after a crash.</summary>
    public async Task<AcsEmailOperation> StartSendAsync(string senderAddress, EmailMessage message, Guid operationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(senderAddress);
        ArgumentNullException.ThrowIfNull(message);

        using var request = _pipeline.CreateRequest();
        request.Method = RequestMethod.Post;
        request.Uri.Reset(Address($"emails:send?api-version={_options.ApiVersion}"));
        request.Headers.SetValue(OperationIdHeader, operationId.ToString("D"));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(ToRequestBody(senderAddress, message), SerializerOptions));

        // 202 is documented; any other success is accepted too, since what the service answers to a repeated
        // Operation-Id is not documented and it may well be the existing operation.
        using var response = await SendAsync(request, "emails:send", cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or >= 300)
        {
            throw Failure(response, "emails:send");
        }

        var accepted = ReadOperation(response);
        var id = accepted?.Id ?? OperationIdFromLocation(response) ?? operationId.ToString("D");
        return new AcsEmailOperation(id, accepted?.Status ?? AcsEmailStatus.Running);
    }

    /// <summary>The operation's current state, or null when the service does not know it (404).</summary>
    public async Task<AcsEmailOperation?> GetOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        var (operation, _) = await GetOperationWithRetryAfterAsync(operationId, cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <summary>Polls the operation until it is terminal, waiting as long as the service's <c>retry-after</c> asks
    /// (bounded by <see cref="AcsEmailClientOptions.MaxPollInterval"/>) and at most
    /// <see cref="AcsEmailClientOptions.MaxPollDuration"/> in all. Returns the <c>Succeeded</c> operation; throws
    /// <see cref="RequestFailedException"/> for <c>Failed</c> or <c>Canceled</c> (with the operation's error code),
    /// for an unknown operation and on time-out.</summary>
    public async Task<AcsEmailOperation> WaitForCompletionAsync(string operationId, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MaxPollDuration;
        while (true)
        {
            var (operation, retryAfter) = await GetOperationWithRetryAfterAsync(operationId, cancellationToken).ConfigureAwait(false);
            if (operation is null)
            {
                throw new RequestFailedException(404, $"ACS email operation {operationId} is not known to the service.", AcsEmailErrorCodes.OperationNotFound, null);
            }

            switch (operation.Status)
            {
                case AcsEmailStatus.Succeeded:
                    return operation;
                case AcsEmailStatus.Failed:
                    throw new RequestFailedException(
                        200,
                        $"ACS email operation {operationId} failed: {operation.ErrorCode ?? "no error code"}{(operation.ErrorMessage is null ? "." : ": " + operation.ErrorMessage)}",
                        operation.ErrorCode ?? AcsEmailErrorCodes.OperationFailed,
                        null);
                case AcsEmailStatus.Canceled:
                    throw new RequestFailedException(200, $"ACS email operation {operationId} was canceled.", AcsEmailErrorCodes.OperationCanceled, null);
            }

            var delay = retryAfter ?? _options.PollInterval;
            delay = delay > _options.MaxPollInterval ? _options.MaxPollInterval : delay;
            if (_time.GetUtcNow() + delay > deadline)
            {
                throw new RequestFailedException(
                    200,
                    $"ACS email operation {operationId} was still {operation.Status} after {_options.MaxPollDuration}; the mail may still be sent.",
                    AcsEmailErrorCodes.OperationTimedOut,
                    null);
            }

            NotificationsLog.OperationPending(_logger, operationId, operation.Status, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(AcsEmailOperation? Operation, TimeSpan? RetryAfter)> GetOperationWithRetryAfterAsync(string operationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);

        // Built from the endpoint rather than taken from Operation-Location: the documented example of that header has a
        // doubled slash ("…azure.com//emails/operations/…"), and the path is part of what an HMAC signature covers.
        using var request = _pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(Address($"emails/operations/{Uri.EscapeDataString(operationId)}?api-version={_options.ApiVersion}"));

        using var response = await SendAsync(request, $"emails/operations/{operationId}", cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return (null, null);
        }

        if (response.Status != 200)
        {
            throw Failure(response, $"emails/operations/{operationId}");
        }

        var operation = ReadOperation(response)
            ?? throw new RequestFailedException(response.Status, $"ACS email: emails/operations/{operationId} answered {response.Status} without an operation status.", null, null);
        return (operation, RetryAfter(response));
    }

    /// <summary>Sends through the pipeline; when the transport gives up after its retries (Azure.Core then throws a
    /// RequestFailedException or, after several failed tries, an AggregateException of them), the failure becomes one
    /// RequestFailedException naming the call.</summary>
    private async Task<Response> SendAsync(Request request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is AggregateException aggregate ? aggregate.InnerExceptions[^1].Message : e.Message;
            throw new RequestFailedException(0, $"ACS email: {what} could not be completed: {Shorten(reason)}", AcsEmailErrorCodes.ServiceUnreachable, e);
        }
    }

    // Concatenated, not new Uri(base, relative): "emails:send" would parse as an absolute URI of scheme "emails".
    private Uri Address(string relative) => new(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + relative);

    private static object ToRequestBody(string senderAddress, EmailMessage message) => new
    {
        senderAddress,
        recipients = new
        {
            to = message.To.Select(a => new { address = a.Address, displayName = a.DisplayName }).ToArray(),
        },
        content = new
        {
            subject = message.Subject,
            plainText = message.PlainText,
            html = message.Html,
        },

        // Operational mail to the merchant: no open/click tracking (and no rewritten links), whatever the resource's setting.
        userEngagementTrackingDisabled = true,
    };

    private static AcsEmailOperation? ReadOperation(Response response)
    {
        if (response.Content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var (code, message) = ReadErrorDetail(root);
            return new AcsEmailOperation(id.GetString()!, status.GetString()!, code, message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads <c>{"error": {"code", "message"}}</c> (the Azure data-plane ErrorResponse / ErrorDetail shape).</summary>
    private static (string? Code, string? Message) ReadErrorDetail(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? Shorten(m.GetString()!) : null;
        return (code, message);
    }

    private static RequestFailedException Failure(Response response, string operation)
    {
        string? code = null;
        string? message = null;
        try
        {
            if (!response.Content.ToMemory().IsEmpty)
            {
                using var document = JsonDocument.Parse(response.Content.ToMemory());
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    (code, message) = ReadErrorDetail(document.RootElement);
                }
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape (a proxy's page, say): the status alone must do.
        }

        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
        {
            code = headerCode;
        }

        var text = $"ACS email: {operation} answered {response.Status}{(code is null ? "" : $" ({code})")}{(message is null ? "." : ": " + message)}";
        return new RequestFailedException(response.Status, text, code, null);
    }

    private static string? OperationIdFromLocation(Response response)
    {
        if (!response.Headers.TryGetValue("Operation-Location", out var location) || !Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var last = uri.Segments.LastOrDefault()?.TrimEnd('/');
        return string.IsNullOrEmpty(last) ? null : Uri.UnescapeDataString(last);
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("retry-after", out var value)
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    // A single line, bounded: an error text is for a log line, not for a whole payload.
    private static string Shorten(string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxErrorMessageLength ? text : text[..MaxErrorMessageLength] + "…";
    }
}

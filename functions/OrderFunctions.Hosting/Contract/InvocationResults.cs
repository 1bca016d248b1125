using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrderFunctions.Hosting.Contract;

/// <summary>The handler's replies to the host, each an <c>application/json</c> body (the host rejects other media types
/// and hangs on an empty 2xx body).</summary>
internal static class InvocationResults
{
    public static IResult Completed(IReadOnlyList<string> logs) =>
        TypedResults.Json(new InvocationResponse { Logs = logs }, ContractJsonContext.Relaxed.InvocationResponse);

    /// <summary>Non-2xx: the host fails the invocation, so a queue message is retried and finally poisoned.</summary>
    public static IResult Failed(int statusCode, string error, string? function, string? invocationId) =>
        TypedResults.Json(
            new InvocationError(error, function, invocationId),
            ContractJsonContext.Relaxed.InvocationError,
            statusCode: statusCode);

    /// <summary>The answer to the host's readiness probe (<c>GET /</c>): <c>{"Status":"ready","Functions":N}</c>. Its
    /// bytes are made once, by a plain <see cref="Utf8JsonWriter"/>: the serializer's first use (converters, metadata,
    /// generic code that ReadyToRun does not hold) would otherwise fall on the probe, whose answer is the handler's start
    /// time as the host sees it (issue 7).</summary>
    public static IResult Ready(int functions) => new ReadinessResult(functions);

    private sealed class ReadinessResult : IResult
    {
        private readonly byte[] _body;

        public ReadinessResult(int functions)
        {
            using var body = new MemoryStream();
            using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                writer.WriteString("Status", "ready");
                writer.WriteNumber("Functions", functions);
                writer.WriteEndObject();
            }

            _body = body.ToArray();
        }

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = JsonContentType;
            response.ContentLength = _body.Length;
            return response.Body.WriteAsync(_body, httpContext.RequestAborted).AsTask();
        }
    }

    private const string JsonContentType = "application/json; charset=utf-8";
}

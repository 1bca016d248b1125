using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Problems;

/// <summary>
/// Every error of the API as RFC 9457 problem+json, mapped in this one place: validation problems name each field
/// (<c>errors</c>), a missing thing is 404, an edit over a changed version 412 (409 when the request was not
/// conditional, e.g. creating an id that exists), a remote side that is briefly down 503. Anything else is not mapped
/// here and becomes the app's 500 problem (<c>UseExceptionHandler</c>), logged with its exception.
/// </summary>
internal static class ApiProblems
{
    public static IResult? TryMap(Exception exception, HttpContext context) => exception switch
    {
        ApiProblemException e when e.Errors is not null => Validation(e.Errors, e.Message),
        ApiProblemException e => Problem(e.Status, e.Title, e.Message),
        IntegrationValidationException e => Validation(e.Errors, "The integration is not valid."),
        IntegrationNotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
        IntegrationConflictException e when context.Request.Headers.IfMatch.Count > 0 =>
            Problem(StatusCodes.Status412PreconditionFailed, "The resource was changed since it was read.", e.Message + " Read it again (GET) and send its new ETag in If-Match."),
        IntegrationConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict.", e.Message),
        OrderConcurrencyException e => Problem(StatusCodes.Status409Conflict, "The order is being changed; try again.", e.Message),
        JsonException e => Validation(
            new Dictionary<string, string[]> { [FieldOf(e.Path)] = [JsonProblem(e)] },
            "The body is not valid JSON for this request."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "The body is larger than the server accepts."),
        ConnectorException { IsTransient: true } or SecretStoreException { IsTransient: true } =>
            Problem(StatusCodes.Status503ServiceUnavailable, "A remote service is unavailable.", "A platform or the secret store could not be reached; try again later."),
        _ => null,
    };

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ValidationProblem Validation(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "The request is not valid.");

    // "$.settings.pollInterval" -> "settings.pollInterval"
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$').TrimStart('.');

    // System.Text.Json's messages name the expected type and the path, never the value that was sent.
    private static string JsonProblem(JsonException e) => e.Message.Split(" Path:", 2)[0];
}

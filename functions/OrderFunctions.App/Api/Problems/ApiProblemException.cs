namespace OrderFunctions.App.Api.Problems;

/// <summary>A request the API refuses, with the RFC 9457 answer it gets. <see cref="Errors"/> names each bad field
/// (a validation problem); it is null for other problems.</summary>
internal sealed class ApiProblemException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "The request is not valid.", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found.", detail);

    public static ApiProblemException Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "Unauthorized.", detail);

    public static ApiProblemException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The body may be at most {limit} bytes.");
}

using OrderFunctions.App.Api.Problems;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Api;

/// <summary>An HTTP function of the API: parses its request, calls the workflow, maps the result. Whatever it throws
/// that <see cref="ApiProblems"/> knows becomes the matching problem+json answer.</summary>
internal abstract class ApiFunction : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await HandleAsync(new ApiRequest(context), cancellationToken);
        }
        catch (Exception e) when (ApiProblems.TryMap(e, context) is { } problem)
        {
            return problem;
        }
    }

    protected abstract Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken);

    /// <summary>A JSON answer in the API's format, with the resource's ETag when it has one.</summary>
    protected static IResult Json<T>(ApiRequest request, T value, int status = StatusCodes.Status200OK, Azure.ETag? etag = null, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Context.Response.Headers;
        if (etag is { } tag)
        {
            headers.ETag = tag.ToString();
        }

        if (location is not null)
        {
            headers.Location = location;
        }

        return TypedResults.Json(value, ApiJson.Options, statusCode: status);
    }
}

namespace OrderFunctions.App.Api.OpenApi;

/// <summary><c>GET /api/openapi.json</c> (public): the API's OpenAPI document.</summary>
internal sealed class OpenApiFunction(OpenApiDocument document) : ApiFunction
{
    protected override Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IResult>(TypedResults.Text(document.Json, "application/json", System.Text.Encoding.UTF8));
}

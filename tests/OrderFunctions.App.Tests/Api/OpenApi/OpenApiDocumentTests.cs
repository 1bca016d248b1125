using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Tests.Api.OpenApi;

[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHost host)
{
    [Fact]
    public async Task TheServedDocumentListsExactlyTheCatalogsHttpRoutesWithTheirMethodsAndKeys()
    {
        using var response = await host.Anonymous.GetAsync("/api/openapi.json");
        var document = await ApiAnswers.ReadObjectAsync(response);
        var catalog = AppFunctions.Create();
        var expected = catalog.Registrations
            .Where(r => r.Definition.Trigger is HttpTrigger)
            .SelectMany(r => ((HttpTrigger)r.Definition.Trigger).Methods.Select(m => (Path: catalog.RouteTemplate((HttpTrigger)r.Definition.Trigger), Method: m, r.Name, ((HttpTrigger)r.Definition.Trigger).AuthLevel)))
            .ToList();

        Assert.Equal("3.1.0", (string?)document["openapi"]);
        var paths = document["paths"]!.AsObject();
        var documented = paths.SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key))).ToHashSet();
        Assert.Equal(expected.Select(e => (e.Path, e.Method)).ToHashSet(), documented);
        foreach (var (path, method, name, auth) in expected)
        {
            var operation = paths[path]![method]!.AsObject();
            Assert.Equal(name, (string?)operation["operationId"]);
            Assert.Equal(auth == AuthorizationLevel.Anonymous, operation["security"]!.AsArray().Count == 0);
            Assert.NotEmpty(operation["responses"]!.AsObject());
            foreach (var parameter in Parameters(path))
            {
                Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == parameter && (string?)p["in"] == "path");
            }
        }
    }

    [Fact]
    public async Task EveryReferencedSchemaIsDefined()
    {
        using var response = await host.Anonymous.GetAsync("/api/openapi.json");
        var text = await response.Content.ReadAsStringAsync();
        var schemas = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject();

        var references = System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/schemas/([A-Za-z]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r), $"Schema {r} is referenced but not defined."));
        Assert.Contains("secretName", schemas["Integration"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Parameters(string path) =>
        System.Text.RegularExpressions.Regex.Matches(path, "{([^}:?]+)").Select(m => m.Groups[1].Value);
}

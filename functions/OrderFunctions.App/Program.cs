// Placeholder until the handler lands (issue 2): answers the host's readiness probe.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/", () => Results.Json(new { status = "ok" }));
app.Run();

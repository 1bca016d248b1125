// Placeholder until the simulators land (issue 4).
var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/", () => Results.Json(new { status = "ok" }));
app.Run();

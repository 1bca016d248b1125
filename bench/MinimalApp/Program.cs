using System.Net;

// Listens where the Functions host tells a custom handler to, and answers its probe `GET /`, like the handler does.
var port = int.Parse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
var app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.Run();

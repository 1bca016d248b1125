using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// Serves <c>POST /{FunctionName}</c>: decodes the host's payload for the function's trigger, runs the function
/// resolved from the request's (= the invocation's) service scope, and answers as the host expects. 200 with
/// <see cref="InvocationResponse"/> on success; otherwise a JSON <see cref="InvocationError"/> and a status that
/// fails the invocation: 404 for an unknown function, 400 for a malformed payload, 500 when the function throws.
/// </summary>
internal sealed class InvocationDispatcher(FunctionCatalog catalog, ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<InvocationDispatcher>();

    public async Task<IResult> InvokeAsync(string functionName, HttpContext context)
    {
        var invocationId = InvocationIdOf(context.Request);
        if (!catalog.TryGet(functionName, out var registration) || registration.Definition.Trigger is HttpTrigger)
        {
            ContractLog.UnknownFunction(logger, functionName, invocationId);
            return InvocationResults.Failed(
                StatusCodes.Status404NotFound,
                NotInvocable(functionName, registration),
                functionName,
                invocationId);
        }

        var name = registration.Name;
        var cancellationToken = context.RequestAborted;
        Func<ILogger, Task> run;
        try
        {
            var request = await InvocationRequest.ReadAsync(context.Request.Body, cancellationToken);
            run = Bind(registration, request, invocationId, context.RequestServices, cancellationToken);
        }
        catch (InvocationRequestException e)
        {
            ContractLog.MalformedInvocation(logger, name, invocationId, e.Message);
            return InvocationResults.Failed(StatusCodes.Status400BadRequest, e.Message, name, invocationId);
        }

        var log = new InvocationLogger(loggerFactory.CreateLogger($"{FunctionEndpoints.FunctionLogCategoryPrefix}.{name}"));
        try
        {
            await run(log);
            return InvocationResults.Completed(log.Lines);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ContractLog.InvocationCancelled(logger, name, invocationId);
            return InvocationResults.Failed(StatusCodes.Status500InternalServerError, $"{name} was cancelled.", name, invocationId);
        }
        catch (Exception e)
        {
            // Any failure must fail the invocation so that the host retries it; what it was goes to our log.
            ContractLog.FunctionFailed(logger, name, invocationId, e);
            return InvocationResults.Failed(
                StatusCodes.Status500InternalServerError,
                $"{name} failed: {e.GetType().Name}: {e.Message}",
                name,
                invocationId);
        }
    }

    // Decodes the payload for the trigger kind (throws InvocationRequestException) and returns the call that runs it.
    private static Func<ILogger, Task> Bind(
        FunctionRegistration registration, InvocationRequest request, string invocationId, IServiceProvider services, CancellationToken cancellationToken)
    {
        switch (registration.Definition.Trigger)
        {
            case TimerTrigger:
                var timer = TimerInvocation.FromRequest(request, registration.Name, invocationId);
                return log => Resolve<ITimerFunction>(services, registration).RunAsync(timer, log, cancellationToken);
            case QueueTrigger:
                var message = QueueInvocation.FromRequest(request, registration.Name, invocationId);
                return log => Resolve<IQueueFunction>(services, registration).RunAsync(message, log, cancellationToken);
            default:
                throw new InvalidOperationException($"{registration.Name} has no invocation binding for {registration.Definition.Trigger.GetType().Name}.");
        }
    }

    private static TFunction Resolve<TFunction>(IServiceProvider services, FunctionRegistration registration) =>
        (TFunction)services.GetRequiredService(registration.FunctionType);

    private static string InvocationIdOf(HttpRequest request) =>
        request.Headers[InvocationHeaders.InvocationId] is [{ Length: > 0 } id] ? id : $"local-{Guid.NewGuid():N}";

    private string NotInvocable(string functionName, FunctionRegistration? registration) => registration?.Definition.Trigger is HttpTrigger http
        ? $"'{registration.Name}' is an HTTP function, served at {catalog.RouteTemplate(http)}; host.json customHandler.enableForwardingHttpRequest must be true."
        : $"This app has no function named '{functionName}'.";
}

namespace OrderFunctions.App.Startup;

/// <summary>Who drives the triggers.</summary>
internal enum HandlerMode
{
    /// <summary>The Functions host (Azure or <c>func start</c>) starts the handler and sends it invocations.</summary>
    Host,

    /// <summary><c>handler standalone</c>: the built-in runtime fires timers, polls queues and fronts HTTP (DESIGN D3).</summary>
    Standalone,
}

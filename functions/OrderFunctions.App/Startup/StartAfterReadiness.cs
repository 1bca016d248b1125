using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Startup;

/// <summary>
/// Keeps background work off the start path (issue 7). The host starts every <see cref="IHostedService"/> before
/// Kestrel listens, and what they do — the workflow's table and queue creation loads the storage pipeline and calls
/// storage — competes for the CPU with the server's start and the answer to the Functions host's first <c>GET /</c>,
/// the figure the host waits for. So the hosted services of the app's own registrations are wrapped: each starts once
/// that first answer has been sent (<see cref="HostReadiness"/>), and stops with the app. Nothing depends on them
/// having run earlier: the workflow's stores create their tables and queues on first use.
/// </summary>
internal static class StartAfterReadiness
{
    /// <summary>Wraps the unkeyed <see cref="IHostedService"/> registrations from index <paramref name="from"/> on.</summary>
    public static IServiceCollection DeferHostedServicesFrom(this IServiceCollection services, int from)
    {
        for (var index = from; index < services.Count; index++)
        {
            var descriptor = services[index];
            if (descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService)
            {
                services[index] = ServiceDescriptor.Singleton<IHostedService>(provider => new DeferredHostedService(
                    CreateService(provider, descriptor),
                    ownsService: descriptor.ImplementationInstance is null,
                    provider.GetRequiredService<HostReadiness>(),
                    provider.GetRequiredService<IHostApplicationLifetime>(),
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartAfterReadiness).FullName!)));
            }
        }

        return services;
    }

    private static IHostedService CreateService(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IHostedService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    /// <summary>Starts <paramref name="inner"/> after the first readiness answer, unless the app is stopping by then; a
    /// start that never came needs no stop. A failed start is logged, since the host no longer sees it.</summary>
    private sealed class DeferredHostedService(
        IHostedService inner,
        bool ownsService,
        HostReadiness readiness,
        IHostApplicationLifetime lifetime,
        ILogger logger) : IHostedService, IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private Task? _started;
        private bool _stopped;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            readiness.Answered.ContinueWith(_ => Start(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            Task? started;
            lock (_gate)
            {
                _stopped = true;
                started = _started;
            }

            if (started is not null)
            {
                // A background service's start returns at its first await; wait for one still starting, however it ends.
                await started.ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(cancellationToken).ConfigureAwait(false);
                await inner.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!ownsService)
            {
                return;
            }

            switch (inner)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        private void Start()
        {
            lock (_gate)
            {
                if (_stopped || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    _started = inner.StartAsync(lifetime.ApplicationStopping);
                }
                catch (Exception e)
                {
                    _started = Task.FromException(e);
                }

                _started.ContinueWith(
                    task => StartupLog.BackgroundServiceFailedToStart(logger, inner.GetType().Name, task.Exception!.GetBaseException()),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }
    }
}

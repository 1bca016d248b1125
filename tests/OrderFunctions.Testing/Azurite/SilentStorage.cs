using System.Net;
using System.Net.Sockets;

namespace OrderFunctions.Testing.Azurite;

/// <summary>A storage endpoint that accepts connections and never answers (storage that hangs); it tells whether
/// anyone connected. Point a connection string's table and queue endpoints at <see cref="Endpoint"/>.</summary>
public sealed class SilentStorage : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentStorage()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{AzuriteInstance.AccountName}");

    /// <summary>Completes when the first client connects.</summary>
    public Task FirstConnection => _firstConnection.Task;

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _firstConnection.TrySetResult();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}

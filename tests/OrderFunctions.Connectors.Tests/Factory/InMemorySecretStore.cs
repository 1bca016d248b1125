using System.Collections.Concurrent;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Factory;

/// <summary>An <see cref="ISecretStore"/> over a dictionary the test changes (the port boundary of the factory).
/// Names without a value are missing; <see cref="Unreachable"/> makes every read fail as an outage would.</summary>
internal sealed class InMemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public bool Unreachable { get; set; }

    public string this[string name]
    {
        set => _values[name] = value;
    }

    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new SecretStoreException(name, $"The test vault is unreachable for '{name}'.", isTransient: true);
        }

        return _values.TryGetValue(name, out var value)
            ? Task.FromResult(value)
            : throw new SecretStoreException(name, $"The test vault has no secret '{name}'.", isTransient: false);
    }
}

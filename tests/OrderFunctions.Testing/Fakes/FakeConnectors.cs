using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Testing.Fakes;

/// <summary>One fake marketplace and one fake shop per integration id, sharing one <see cref="FaultInjector"/>.</summary>
public sealed class FakeConnectors(TimeProvider? time = null) : IConnectorFactory, ICarrierCodeResolver
{
    private readonly Dictionary<string, (FakeMarketplace Marketplace, FakeShop Shop)> _platforms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public FaultInjector Faults { get; } = new();

    public FakeMarketplace Marketplace(string integrationId) => Platforms(integrationId).Marketplace;

    public FakeShop Shop(string integrationId) => Platforms(integrationId).Shop;

    public Task<IMarketplace> GetMarketplaceAsync(Integration integration, CancellationToken cancellationToken) =>
        Task.FromResult<IMarketplace>(Marketplace(integration.Id));

    public Task<IShop> GetShopAsync(Integration integration, CancellationToken cancellationToken) =>
        Task.FromResult<IShop>(Shop(integration.Id));

    /// <summary>The carrier map's entry for the shop's carrier, else the shop's carrier name upper-cased.</summary>
    public string? ResolveCarrierCode(Integration integration, string? shopCarrier, string? trackingCode) =>
        shopCarrier is null ? null : integration.Settings.CarrierMap.GetValueOrDefault(shopCarrier) ?? shopCarrier.ToUpperInvariant();

    private (FakeMarketplace Marketplace, FakeShop Shop) Platforms(string integrationId)
    {
        lock (_gate)
        {
            if (!_platforms.TryGetValue(integrationId, out var platforms))
            {
                var clock = time ?? TimeProvider.System;
                _platforms[integrationId] = platforms = (new FakeMarketplace(Faults, clock), new FakeShop(Faults, clock));
            }

            return platforms;
        }
    }
}

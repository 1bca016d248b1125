namespace OrderFunctions.Sandbox.Shopify;

/// <summary>The cost bucket of one app on one shop: it holds <see cref="Maximum"/> points and refills at
/// <see cref="RestoreRate"/> points per second; a query needs its requested cost available up front and gets back
/// what it did not use.</summary>
internal sealed class LeakyBucket(int maximum, int restoreRate, TimeProvider time)
{
    private readonly object _gate = new();
    private double _available = maximum;
    private DateTimeOffset _updated = time.GetUtcNow();

    public int Maximum => maximum;

    public int RestoreRate => restoreRate;

    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _available;
            }
        }
    }

    public bool TryTake(int cost)
    {
        lock (_gate)
        {
            Refill();
            if (cost > _available)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    public void Drain()
    {
        lock (_gate)
        {
            Refill();
            _available = 0;
        }
    }

    public void Return(int points)
    {
        lock (_gate)
        {
            _available = Math.Min(maximum, _available + points);
        }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        _available = Math.Min(maximum, _available + ((now - _updated).TotalSeconds * restoreRate));
        _updated = now;
    }
}

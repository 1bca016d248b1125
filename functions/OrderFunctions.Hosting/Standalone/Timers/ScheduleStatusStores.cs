using System.Collections.Concurrent;
using Azure;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Hosting.Standalone.Timers;

/// <summary>Where timers' <see cref="ScheduleStatus"/> survives restarts, so an occurrence missed while the runtime
/// was down runs at start with <c>IsPastDue</c> (the host's ScheduleMonitor).</summary>
internal interface IScheduleStatusStore
{
    Task<ScheduleStatus?> GetAsync(string timerName, CancellationToken cancellationToken);

    Task SetAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken);
}

/// <summary>Without storage: status lives as long as the process, so nothing is ever past due after a restart.</summary>
internal sealed class InMemoryScheduleStatusStore : IScheduleStatusStore
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> _statuses = new(StringComparer.Ordinal);

    public Task<ScheduleStatus?> GetAsync(string timerName, CancellationToken cancellationToken) =>
        Task.FromResult(_statuses.TryGetValue(timerName, out var status) ? status : null);

    public Task SetAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken)
    {
        _statuses[timerName] = status;
        return Task.CompletedTask;
    }
}

/// <summary>
/// The host keeps this record in a blob of <c>AzureWebJobsStorage</c> (<c>azure-webjobs-hosts/timers/{hostId}/…/status</c>);
/// the standalone runtime keeps it in a table of the same account, one row per timer under the host id, so two apps
/// sharing an account do not see each other's timers. Last-writer-wins is right here: only this host writes its rows.
/// </summary>
internal sealed class TableScheduleStatusStore : IScheduleStatusStore, IDisposable
{
    public const string TableName = "AzureWebJobsHostsTimers";

    private readonly TableClient _table;
    private readonly string _hostId;
    private readonly AsyncOnce _created;

    public TableScheduleStatusStore(TableClient table, string hostId)
    {
        _table = table;
        _hostId = hostId;
        _created = new AsyncOnce(table.CreateIfNotExistsAsync);
    }

    public Task<ScheduleStatus?> GetAsync(string timerName, CancellationToken cancellationToken) =>
        InTableAsync(
            async () =>
            {
                var entity = await _table.GetEntityOrDefaultAsync(_hostId, timerName, cancellationToken: cancellationToken);
                return entity is null
                    ? null
                    : new ScheduleStatus(Read(entity, "Last"), Read(entity, "Next"), Read(entity, "LastUpdated"));
            },
            cancellationToken);

    public Task SetAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(_hostId, timerName);
        Write(entity, "Last", status.Last);
        Write(entity, "Next", status.Next);
        Write(entity, "LastUpdated", status.LastUpdated);
        return InTableAsync(
            async () =>
            {
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Runs an operation on the table, creating it first; if the table vanished meanwhile (an in-memory
    /// Azurite restarted), creates it again and runs the operation once more rather than failing until restart.</summary>
    private async Task<T> InTableAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        try
        {
            return await operation();
        }
        catch (RequestFailedException e) when (e.ErrorCode == StorageErrorCodes.TableNotFound)
        {
            _created.Reset();
            await _created.EnsureAsync(cancellationToken);
            return await operation();
        }
    }

    private static DateTimeOffset Read(TableEntity entity, string name) => entity.GetDateTimeOffset(name) ?? ScheduleStatus.Never;

    // Table dates start in 1601, so "never" is stored as an absent property.
    private static void Write(TableEntity entity, string name, DateTimeOffset value)
    {
        if (ScheduleStatus.IsSet(value))
        {
            entity[name] = value;
        }
    }

    public void Dispose() => _created.Dispose();
}

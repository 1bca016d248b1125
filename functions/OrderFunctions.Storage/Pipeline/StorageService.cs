namespace OrderFunctions.Storage.Pipeline;

internal enum StorageService
{
    Table,
    Queue,
}

internal static class StorageApiVersion
{
    /// <summary>The Table service's newest REST version (the one Azure.Data.Tables speaks); Azurite 3.35 accepts
    /// every version up to 2025-11-05 without <c>--skipApiVersionCheck</c>.</summary>
    public const string Table = "2019-02-02";

    /// <summary>Same version for queues: it has TTL -1 (2017-07-29) and Entra ID (2017-11-09); nothing newer is needed.</summary>
    public const string Queue = "2019-02-02";

    public static string For(StorageService service) => service == StorageService.Table ? Table : Queue;
}

namespace OrderFunctions.Storage.Tables;

/// <summary>The Table service of one account; hands out <see cref="TableClient"/>s that share its pipeline.</summary>
public sealed class TableServiceClient
{
    public Uri ServiceUri => throw new NotImplementedException();

    public TableClient GetTableClient(string tableName) => throw new NotImplementedException();
}

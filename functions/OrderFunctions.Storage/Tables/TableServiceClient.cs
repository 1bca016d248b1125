using System.Text.RegularExpressions;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Tables;

/// <summary>The Table service of one account; hands out <see cref="TableClient"/>s that share its pipeline.</summary>
public sealed partial class TableServiceClient
{
    private readonly HttpPipeline _pipeline;

    internal TableServiceClient(Uri serviceUri, HttpPipeline pipeline)
    {
        ServiceUri = serviceUri;
        _pipeline = pipeline;
    }

    public Uri ServiceUri { get; }

    /// <summary>Table names: 3–63 letters and digits, starting with a letter (the service's rule).</summary>
    public TableClient GetTableClient(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNamePattern().IsMatch(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name: use 3-63 letters and digits, starting with a letter.", nameof(tableName));
        }

        return new TableClient(tableName, ServiceUri, _pipeline);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}

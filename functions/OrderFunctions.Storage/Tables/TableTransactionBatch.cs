using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using OrderFunctions.Storage.Pipeline;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// The wire form of an entity group transaction ("Performing entity group transactions", REST docs): a
/// <c>multipart/mixed</c> batch holding one changeset whose parts are complete HTTP requests, and the parse of the
/// multipart answer, which holds one HTTP response per action on success, or the one that failed.
/// </summary>
internal static partial class TableTransactionBatch
{
    public const int MaxActions = 100;
    private const string Crlf = "\r\n";

    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"An entity group transaction holds 1 to {MaxActions} actions; got {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Action {i} is in another partition: an entity group transaction stays in one partition.", nameof(actions));
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new ArgumentException($"Action {i} touches an entity an earlier action already touches: each entity at most once per transaction.", nameof(actions));
            }
        }
    }

    /// <summary>The batch body and its Content-Type. Sub-requests carry absolute URIs and their own headers; only the
    /// outer request is authorized.</summary>
    public static (byte[] Body, string ContentType) Build(Uri serviceUri, string tableName, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new StringBuilder()
            .Append("--").Append(batch).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append(Crlf)
            .Append(Crlf);

        var tableUri = serviceUri.AbsoluteUri.TrimEnd('/') + "/" + tableName;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, withKeys, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, IfMatch(action.IfMatch)),
                TableTransactionActionType.UpdateReplace => ("PUT", true, IfMatch(action.IfMatch)),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                TableTransactionActionType.Delete => ("DELETE", true, IfMatch(action.IfMatch)),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, $"Action {i} has an unknown type."),
            };

            var uri = withKeys ? tableUri + TableClient.EntityPath(action.Entity.PartitionKey, action.Entity.RowKey) : tableUri;
            body.Append("--").Append(changeset).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf)
                .Append(Crlf)
                .Append(method).Append(' ').Append(uri).Append(" HTTP/1.1").Append(Crlf)
                .Append("Accept: ").Append(TableClient.AcceptJson).Append(Crlf)
                .Append(StorageHeaders.DataServiceVersion).Append(": 3.0").Append(Crlf);
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append(Crlf);
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                body.Append(Crlf);
            }
            else
            {
                body.Append("Content-Type: application/json").Append(Crlf)
                    .Append(StorageHeaders.Prefer).Append(": ").Append(StorageHeaders.ReturnNoContent).Append(Crlf)
                    .Append(Crlf)
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity))).Append(Crlf);
            }
        }

        body.Append("--").Append(changeset).Append("--").Append(Crlf)
            .Append("--").Append(batch).Append("--").Append(Crlf);
        return (Encoding.UTF8.GetBytes(body.ToString()), "multipart/mixed; boundary=" + batch);
    }

    /// <summary>Reads every HTTP response inside the multipart answer. A failed changeset yields one error response;
    /// its message starts with the index of the action the service blamed ("1:The specified entity already exists.").</summary>
    public static IReadOnlyList<TableTransactionResult> ParseResponse(string body, IReadOnlyList<TableTransactionAction> actions)
    {
        var parts = ParseHttpResponses(body);
        var failure = parts.FirstOrDefault(p => p.Status >= 400);
        if (failure.Status >= 400)
        {
            var (code, message) = StorageErrorParser.ParseBody(BinaryData.FromString(failure.Body));
            int? index = null;
            if (message is not null && IndexPrefix().Match(message) is { Success: true } match)
            {
                var parsed = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                index = parsed >= 0 && parsed < actions.Count ? parsed : null;
            }

            if (index is null && actions.Count == 1)
            {
                index = 0;
            }

            var blamed = index is { } i ? $"action {i} ({actions[i].ActionType} of row '{actions[i].Entity.RowKey}')" : "an unnamed action";
            throw new TableTransactionFailedException(
                failure.Status,
                code,
                $"The entity group transaction was rolled back: {blamed} failed with {failure.Status} {code}.",
                index);
        }

        if (parts.Count != actions.Count)
        {
            throw new RequestFailedException(0, $"The entity group transaction answer holds {parts.Count} responses for {actions.Count} actions.");
        }

        return parts.Select(p => new TableTransactionResult(p.Status, p.ETag is null ? default : new ETag(p.ETag))).ToList();
    }

    private static List<(int Status, string? ETag, string Body)> ParseHttpResponses(string body)
    {
        var results = new List<(int, string?, string)>();
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (!status.Success)
            {
                continue;
            }

            string? etag = null;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var separator = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (separator > 0 && lines[i][..separator].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(separator + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            results.Add((int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture), etag, content.ToString()));
        }

        return results;
    }

    // ETag.All or default mean "whatever version is there" (the action record's documented default).
    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    [GeneratedRegex(@"^HTTP/1\.[01] (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}

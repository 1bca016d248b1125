using System.Text.RegularExpressions;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Queues;

/// <summary>The Queue service of one account; hands out <see cref="QueueClient"/>s that share its pipeline.</summary>
public sealed partial class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;

    internal QueueServiceClient(Uri serviceUri, HttpPipeline pipeline, QueueMessageEncoding encoding)
    {
        ServiceUri = serviceUri;
        _pipeline = pipeline;
        _encoding = encoding;
    }

    public Uri ServiceUri { get; }

    /// <summary>Queue names: 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or
    /// digit (the service's rule).</summary>
    public QueueClient GetQueueClient(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        if (queueName.Length is < 3 or > 63 || !QueueNamePattern().IsMatch(queueName))
        {
            throw new ArgumentException(
                $"'{queueName}' is not a valid queue name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queueName));
        }

        return new QueueClient(queueName, ServiceUri, _pipeline, _encoding);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueNamePattern();
}

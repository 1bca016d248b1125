using System.Text.Json;
using System.Text.Json.Serialization;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>The one JSON setup of the workflow: camelCase, nulls left out, source-generated (no reflection at start).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StepMessage))]
[JsonSerializable(typeof(PollMessage))]
[JsonSerializable(typeof(NotificationMessage))]
[JsonSerializable(typeof(List<NotificationMessage>))]
[JsonSerializable(typeof(MarketplaceOrder))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext;

public static class WorkflowJson
{
    public static string Serialize(StepMessage message) => JsonSerializer.Serialize(message, WorkflowJsonContext.Default.StepMessage);

    public static string Serialize(PollMessage message) => JsonSerializer.Serialize(message, WorkflowJsonContext.Default.PollMessage);

    public static string Serialize(NotificationMessage message) => JsonSerializer.Serialize(message, WorkflowJsonContext.Default.NotificationMessage);

    /// <summary>Reads a step message; throws <see cref="FormatException"/> naming what is wrong (never echoing the body).</summary>
    public static StepMessage ParseStep(string body)
    {
        var message = Parse(body, WorkflowJsonContext.Default.StepMessage, "step");
        CheckVersion(message.Version, StepMessage.CurrentVersion, "step");
        if (!OrderKey.TryParse(message.Order, out _))
        {
            throw new FormatException("The step message's 'order' is not an order key.");
        }

        if (!StepKinds.All.Contains(message.Step))
        {
            throw new FormatException($"The step message's 'step' must be one of {string.Join(", ", StepKinds.All)}.");
        }

        return message;
    }

    public static PollMessage ParsePoll(string body)
    {
        var message = Parse(body, WorkflowJsonContext.Default.PollMessage, "poll");
        CheckVersion(message.Version, PollMessage.CurrentVersion, "poll");
        if (string.IsNullOrWhiteSpace(message.Integration) || string.IsNullOrWhiteSpace(message.Run))
        {
            throw new FormatException("The poll message needs 'integration' and 'run'.");
        }

        return message;
    }

    public static NotificationMessage ParseNotification(string body)
    {
        var message = Parse(body, WorkflowJsonContext.Default.NotificationMessage, "notification");
        CheckVersion(message.Version, NotificationMessage.CurrentVersion, "notification");
        return message;
    }

    internal static string SerializeSnapshot(MarketplaceOrder order) => JsonSerializer.Serialize(order, WorkflowJsonContext.Default.MarketplaceOrder);

    internal static MarketplaceOrder ParseSnapshot(string json) =>
        JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.MarketplaceOrder) ?? throw new FormatException("The stored marketplace snapshot is empty.");

    internal static string SerializeMap(Dictionary<string, string> map) => JsonSerializer.Serialize(map, WorkflowJsonContext.Default.DictionaryStringString);

    internal static Dictionary<string, string> ParseMap(string json) => JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.DictionaryStringString) ?? [];

    internal static string SerializeNotifications(List<NotificationMessage> messages) => JsonSerializer.Serialize(messages, WorkflowJsonContext.Default.ListNotificationMessage);

    internal static List<NotificationMessage> ParseNotifications(string json) => JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.ListNotificationMessage) ?? [];

    internal static string SerializeList(List<string> items) => JsonSerializer.Serialize(items, WorkflowJsonContext.Default.ListString);

    internal static List<string> ParseList(string json) => JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.ListString) ?? [];

    private static T Parse<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new FormatException($"The {what} message is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The {what} message is not valid JSON for its contract (at {e.Path ?? "the root"}).", e);
        }
    }

    private static void CheckVersion(int version, int supported, string what)
    {
        if (version != supported)
        {
            throw new FormatException($"The {what} message has version {version}; this app reads version {supported}.");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using OrderFunctions.App.Notifications.Rendering;

namespace OrderFunctions.App.Notifications.Digests;

/// <summary>
/// "The digest of this integration's window is due": sent once per window, with a visibility delay until the window
/// has ended, to the digest queue (<see cref="NewOrdersDigestOutbox.QueueName"/>). The window travels in the message,
/// so a change of <c>Notifications:DigestInterval</c> does not confuse windows already open.
/// </summary>
public sealed record DigestFlushMessage(string IntegrationId, DateTimeOffset WindowStart, TimeSpan WindowLength)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonIgnore]
    public DigestWindow Window => DigestWindow.Containing(WindowStart, WindowLength);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="FormatException">The text is not a digest flush message; the message names what is wrong.</exception>
    public static DigestFlushMessage Parse(string json)
    {
        DigestFlushMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<DigestFlushMessage>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"A digest flush message is not valid JSON at {e.Path ?? "(root)"}: {e.Message}", e);
        }

        if (message is null || string.IsNullOrWhiteSpace(message.IntegrationId))
        {
            throw new FormatException("A digest flush message needs 'integrationId'.");
        }

        if (message.WindowLength < TimeSpan.FromMinutes(1) || message.WindowLength > TimeSpan.FromDays(1) || message.Window.Start != message.WindowStart)
        {
            throw new FormatException($"A digest flush message needs a 'windowLength' of 1 minute to 1 day and a 'windowStart' aligned to it (got {message.WindowStart:o}, {message.WindowLength}).");
        }

        return message;
    }
}

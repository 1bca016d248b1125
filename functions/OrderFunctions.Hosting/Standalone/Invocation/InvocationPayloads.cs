using System.Text.Encodings.Web;
using System.Text.Json;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone.Timers;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Invocation;

/// <summary>
/// The request bodies the Functions host POSTs to <c>/{FunctionName}</c> (HttpScriptInvocationContext, serialized by
/// Newtonsoft): <c>{"Data":{binding:value},"Metadata":{…,"sys":{…}}}</c>. Values follow the host's encoding rules
/// (reference §3): objects stay objects, dates are real JSON dates, and every other value — strings and numbers — is
/// <c>JsonConvert.SerializeObject(value)</c> placed inside a JSON string, so a queue message arrives double-encoded.
/// </summary>
internal static class InvocationPayloads
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>TimerInfo: <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{…}|null,"IsPastDue":…}</c>; the timer's
    /// binding data holds only the trigger value, which the host drops, so Metadata is just <c>sys</c>.</summary>
    public static byte[] ForTimer(ScheduleStatus? status, bool isPastDue, SystemBindingData sys) =>
        Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteStartObject(BindingNames.Timer);
            writer.WriteStartObject("Schedule");
            writer.WriteBoolean("AdjustForDST", true);
            writer.WriteEndObject();
            if (status is null)
            {
                writer.WriteNull("ScheduleStatus");
            }
            else
            {
                writer.WriteStartObject("ScheduleStatus");
                writer.WriteString("Last", NewtonsoftJson.FormatDate(status.Last));
                writer.WriteString("Next", NewtonsoftJson.FormatDate(status.Next));
                writer.WriteString("LastUpdated", NewtonsoftJson.FormatDate(status.LastUpdated));
                writer.WriteEndObject();
            }

            writer.WriteBoolean("IsPastDue", isPastDue);
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartObject("Metadata");
            WriteSys(writer, sys);
            writer.WriteEndObject();
        });

    /// <summary>The message text (already decoded per <c>messageEncoding</c>) double-encoded under <c>msg</c>; Metadata
    /// from the queue trigger's binding data in the SDK's order, DequeueCount/Id/PopReceipt as serialized JSON text.</summary>
    public static byte[] ForQueueMessage(QueueMessage message, SystemBindingData sys) =>
        Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteString(BindingNames.QueueMessage, NewtonsoftJson.SerializeString(message.Body));
            writer.WriteEndObject();

            writer.WriteStartObject("Metadata");
            writer.WriteString("DequeueCount", message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("ExpirationTime", NewtonsoftJson.FormatDate(message.ExpiresOn));
            writer.WriteString("Id", NewtonsoftJson.SerializeString(message.MessageId));
            writer.WriteString("InsertionTime", NewtonsoftJson.FormatDate(message.InsertedOn));
            writer.WriteString("NextVisibleTime", NewtonsoftJson.FormatDate(message.NextVisibleOn));
            writer.WriteString("PopReceipt", NewtonsoftJson.SerializeString(message.PopReceipt));
            WriteSys(writer, sys);
            writer.WriteEndObject();
        });

    private static void WriteSys(Utf8JsonWriter writer, SystemBindingData sys)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", sys.MethodName);
        writer.WriteString("UtcNow", NewtonsoftJson.FormatUtcDate(sys.UtcNow));
        writer.WriteString("RandGuid", sys.RandGuid.ToString("D"));
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

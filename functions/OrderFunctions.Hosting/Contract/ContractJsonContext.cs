using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderFunctions.Hosting.Contract;

/// <summary>Source-generated serialization of the contract's bodies. Property names stay PascalCase as the host writes
/// and reads them. The relaxed encoder keeps log lines readable ('+', non-ASCII names); these bodies are read by the
/// host, never embedded in HTML.</summary>
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(InvocationError))]
internal sealed partial class ContractJsonContext : JsonSerializerContext
{
    public static ContractJsonContext Relaxed { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

using System.Text.Json.Serialization;

namespace OrderFunctions.Hosting.Contract;

/// <summary>Source-generated serialization of the contract's bodies. Property names stay PascalCase as the host writes
/// and reads them.</summary>
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(InvocationError))]
[JsonSerializable(typeof(ReadinessResponse))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;

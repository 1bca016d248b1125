using System.Text.Json.Nodes;

namespace OrderFunctions.Sandbox.WooCommerce;

/// <summary>A WordPress REST error: <c>{"code","message","data":{"status"}}</c> with that HTTP status.</summary>
internal sealed class WooCommerceError(int status, string code, string message, JsonObject? parameters = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public JsonObject ToJson()
    {
        var data = new JsonObject { ["status"] = Status };
        if (parameters is not null)
        {
            data["params"] = parameters;
        }

        return new JsonObject { ["code"] = Code, ["message"] = Message, ["data"] = data };
    }

    public static WooCommerceError InvalidParam(string name, string problem) =>
        new(400, "rest_invalid_param", $"Invalid parameter(s): {name}", new JsonObject { [name] = problem });

    public static WooCommerceError NotFound() => new(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
}

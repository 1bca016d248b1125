using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>Adds the consumer key and secret to every request: HTTP Basic, or the query-string fallback for servers
/// that drop the Authorization header. Azure.Core's logging redacts both the header and unknown query parameters,
/// and <see cref="Http.PlatformClient"/> leaves queries out of its messages.</summary>
internal sealed class WooCommerceAuthPolicy(WooCommerceCredentials credentials) : HttpPipelineSynchronousPolicy
{
    private readonly string _basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.ConsumerKey}:{credentials.ConsumerSecret}"));

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!credentials.UseQueryString)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, _basic);
        }
        else if (!message.Request.Uri.Query.Contains("consumer_key=", StringComparison.Ordinal))
        {
            // Retries send the same request again: add the parameters once.
            message.Request.Uri.AppendQuery("consumer_key", credentials.ConsumerKey);
            message.Request.Uri.AppendQuery("consumer_secret", credentials.ConsumerSecret);
        }
    }
}

using System.Net;

namespace OrderFunctions.Sandbox.Common;

/// <summary>
/// Knobs every simulator has, to make the real connectors meet the failures real platforms produce: the next N
/// requests fail with a status (5xx), are throttled (429 with <c>Retry-After</c>), answer with an HTML error page
/// (a proxy in the way), or every request is slowed down. Set from tests directly or over HTTP through
/// <c>POST /_sandbox/faults</c> (see <see cref="SimulatorHost"/>). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private HttpStatusCode _failureStatus = HttpStatusCode.ServiceUnavailable;
    private int _throttlesLeft;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);
    private int _htmlPagesLeft;
    private HttpStatusCode _htmlPageStatus = HttpStatusCode.BadGateway;

    /// <summary>Added to every request (except the control endpoints).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Path prefix the faults apply to; null = every path.</summary>
    public string? PathPrefix { get; set; }

    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = status;
        }
    }

    public void ThrottleNext(int count, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _throttlesLeft = count;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get an HTML page with <paramref name="status"/> (a proxy's
    /// 502 by default; 200 is what a WordPress site with broken permalinks answers).</summary>
    public void HtmlErrorPageNext(int count, HttpStatusCode status = HttpStatusCode.BadGateway)
    {
        lock (_gate)
        {
            _htmlPagesLeft = count;
            _htmlPageStatus = status;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _failuresLeft = 0;
            _throttlesLeft = 0;
            _htmlPagesLeft = 0;
            PathPrefix = null;
        }

        Latency = TimeSpan.Zero;
    }

    /// <summary>Middleware: applies the pending fault to this request, or passes it on.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Path.StartsWithSegments(SimulatorHost.ControlPath)
            || (PathPrefix is not null && !context.Request.Path.StartsWithSegments(PathPrefix)))
        {
            await next(context);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var fault = TakeFault();
        switch (fault)
        {
            case Fault.Status status:
                context.Response.StatusCode = (int)status.Code;
                await context.Response.WriteAsJsonAsync(new { error = "injected failure", status = (int)status.Code });
                return;
            case Fault.Throttle throttle:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(throttle.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync("too.many.requests");
                return;
            case Fault.HtmlPage html:
                context.Response.StatusCode = (int)html.Code;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync($"<html><body><h1>{(int)html.Code} {html.Code}</h1></body></html>");
                return;
            default:
                await next(context);
                return;
        }
    }

    private Fault? TakeFault()
    {
        lock (_gate)
        {
            if (_throttlesLeft > 0)
            {
                _throttlesLeft--;
                return new Fault.Throttle(_retryAfter);
            }

            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                return new Fault.Status(_failureStatus);
            }

            if (_htmlPagesLeft > 0)
            {
                _htmlPagesLeft--;
                return new Fault.HtmlPage(_htmlPageStatus);
            }

            return null;
        }
    }

    private abstract record Fault
    {
        public sealed record Status(HttpStatusCode Code) : Fault;

        public sealed record Throttle(TimeSpan RetryAfter) : Fault;

        public sealed record HtmlPage(HttpStatusCode Code) : Fault;
    }
}

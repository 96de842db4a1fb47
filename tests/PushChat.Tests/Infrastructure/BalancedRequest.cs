namespace PushChat.Tests.Infrastructure;

/// <summary>One request that went through <see cref="NginxServer"/>, as its access log tells it; the query (which holds session ids) is left out.</summary>
/// <param name="Upstream">The node that answered, as <c>127.0.0.1:port</c> (nginx's <c>$upstream_addr</c>).</param>
/// <param name="UserAgent">The browser that asked.</param>
public sealed record BalancedRequest(string Upstream, string Method, string Path, string Status, string UserAgent)
{
    public override string ToString() => $"{UserAgent} {Method} {Path} {Status} -> {Upstream}";
}

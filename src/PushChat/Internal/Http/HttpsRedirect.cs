using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Http;

/// <summary>
/// Answers everything on the plain HTTP port with a permanent redirect to the same target over
/// HTTPS. 308 keeps the method and body (RFC 9110 §15.4.9), so a form posted to the old address
/// is posted again to the new one instead of turning into a GET.
/// </summary>
internal sealed class HttpsRedirect : IHttpHandler
{
    private readonly HostFilter _hosts;
    private readonly string _portSuffix;

    public HttpsRedirect(HostFilter hosts, int httpsPort)
    {
        _hosts = hosts;
        _portSuffix = httpsPort == 443 ? string.Empty : ":" + httpsPort.ToString(CultureInfo.InvariantCulture);
    }

    public ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
    {
        // Only a name the chat answers for goes into Location, so the port cannot be used to
        // send browsers to an arbitrary site; a request without a Host has nowhere to go.
        var response = request.Host.Length == 0 || !_hosts.Allows(request.Host)
            ? CreateErrorResponse(421, "This chat does not answer for that host name.")
            : new HttpResponse(308)
                .With("Location", "https://" + request.Host + _portSuffix + request.Path + (request.Query.Length == 0 ? string.Empty : "?" + request.Query))
                .With("Cache-Control", "no-store");
        connection.Send(response, request);
        return default;
    }

    public HttpResponse CreateErrorResponse(int statusCode, string message) =>
        new HttpResponse(statusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(message + "\n"))
            .With("Cache-Control", "no-store")
            .With("X-Content-Type-Options", "nosniff");
}

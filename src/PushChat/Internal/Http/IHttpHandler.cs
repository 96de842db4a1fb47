using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Http;

/// <summary>Answers requests on a connection, with a short response or a push stream.</summary>
internal interface IHttpHandler
{
    ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken);

    /// <summary>The page for a request refused before it reached the handler (bad syntax, limits, timeouts).</summary>
    HttpResponse CreateErrorResponse(int statusCode, string message);
}

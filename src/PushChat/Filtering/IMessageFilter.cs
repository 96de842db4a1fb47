using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Filtering;

/// <summary>
/// Looks at every message a user posts before the room sees it: allows it, rewrites it, or
/// rejects it with a reason shown to the sender and a 4xx status of the filter's choosing (422
/// unless it says otherwise; see <see cref="MessageFilterResult.Reject(string, int)"/>). Filters
/// run in the order of <see cref="ChatServerOptions.MessageFilters"/>; each sees the text as
/// rewritten by the ones before. Fails closed: a filter that throws rejects the message, and the
/// error is logged.
/// </summary>
public interface IMessageFilter
{
    /// <summary>Decides on one message.</summary>
    /// <param name="context">The message and who sent it.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>Allow, rewrite or reject.</returns>
    ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken);
}

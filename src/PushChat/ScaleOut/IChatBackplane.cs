using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.ScaleOut;

/// <summary>
/// The one order of a chat's changes, shared by every node of the chat. Each node appends the
/// changes its users make and reads every change, its own included, in the order the backplane
/// gave them; so every node holds the same chat. Set <see cref="ChatServerOptions.Backplane"/> to
/// run a server as one node of a chat; without one, a server is a chat on its own.
/// </summary>
/// <remarks>
/// The payloads are the server's own encoding of its changes: a backplane stores and returns them
/// unchanged. Implementations must be safe to call from many threads at once.
/// <see cref="InProcessBackplane"/> joins servers of one process; the <c>PushChat.PostgreSql</c>
/// package joins servers of several machines over a PostgreSQL database.
/// </remarks>
public interface IChatBackplane
{
    /// <summary>This node's name, unique among the nodes of the chat while it runs.</summary>
    string NodeId { get; }

    /// <summary>
    /// Whether this node runs the chat's timed work now (ending sessions whose streams are gone,
    /// closing empty rooms, lifting expired bans, noticing lost nodes): one node of the chat at a
    /// time, another one taking over when it is gone.
    /// </summary>
    bool IsLeader { get; }

    /// <summary>Joins the chat: connects, prepares what the backplane stores, and starts telling the other nodes this one is alive.</summary>
    /// <param name="cancellationToken">Cancelled when the server's start is abandoned.</param>
    /// <returns>The chat's number, drawn once when the chat's store was made, and the position of the newest change stored.</returns>
    Task<BackplaneStart> StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a change after every change stored before it, and gives it its position and
    /// timestamp. Completes once the change is stored for good.
    /// </summary>
    /// <param name="payload">The change as the server encoded it.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The stored change.</returns>
    /// <exception cref="BackplaneUnavailableException">The change could not be stored; it was not.</exception>
    Task<BackplaneChange> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Every change after position <paramref name="after"/>, in order, without gaps, waiting for
    /// new ones, until <paramref name="cancellationToken"/> is cancelled. When the store cannot be
    /// reached, the reading waits and goes on where it stopped.
    /// </summary>
    /// <param name="after">The position of the last change the node has; 0 for none.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The changes, in order.</returns>
    IAsyncEnumerable<BackplaneChange> ReadAsync(long after, CancellationToken cancellationToken);

    /// <summary>The position of the newest change stored now; a node catches up to it before it says a session is unknown.</summary>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The position.</returns>
    /// <exception cref="BackplaneUnavailableException">The store could not be reached.</exception>
    Task<long> HeadAsync(CancellationToken cancellationToken);

    /// <summary>The nodes that told the backplane lately that they are alive, this one included.</summary>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>Their <see cref="NodeId"/>s.</returns>
    /// <exception cref="BackplaneUnavailableException">The store could not be reached.</exception>
    Task<IReadOnlyCollection<string>> LiveNodesAsync(CancellationToken cancellationToken);

    /// <summary>Leaves the chat: stops telling the others this node is alive, and gives up leadership.</summary>
    /// <param name="cancellationToken">Cancelled when the stop must not wait any longer.</param>
    /// <returns>A task that completes when the node has left.</returns>
    Task StopAsync(CancellationToken cancellationToken);
}

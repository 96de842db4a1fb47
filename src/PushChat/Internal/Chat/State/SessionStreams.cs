using System;
using System.Linq;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that attaches a session's chat stream to its room and
/// detaches it when the transport closes: a reload replaces the older stream, the first stream
/// announces the session, and a closed one starts the session's grace period. Runs only under the
/// state's lock, so a stream never misses a line nor gets one twice while it is attached.
/// </summary>
internal sealed class SessionStreams
{
    private readonly TimeProvider _time;
    private readonly SessionLifecycle _lifecycle;

    public SessionStreams(TimeProvider time, SessionLifecycle lifecycle)
    {
        _time = time;
        _lifecycle = lifecycle;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Opens the session's stream; false when the session has ended or the transport closed
    /// before it could start.
    /// </summary>
    public bool Open(ChatSession session, Func<IPushStream> open, AfterChange after)
    {
        if (session.Ended)
        {
            return false;
        }

        if (session.Stream is { } replaced)
        {
            // The same session opened its chat again (a reload): the old frame is gone.
            session.Room.Unsubscribe(replaced);
            session.Stream = null;
            after.End(replaced);
        }

        var stream = open();
        session.LastSeen = Now;
        if (stream.IsClosed)
        {
            session.StreamClosedAt = Now;
            return false;
        }

        session.Stream = stream;
        session.StreamClosedAt = null;

        // Joined before the replay is queued: a writer may send it while this lock is still held,
        // and a reader who sees its history may speak at once. The history is the one it came to;
        // its own join notice follows it.
        var room = session.Room;
        var history = LinePosting.Replay(session, room, withMailbox: true);
        var beforeJoin = room.Log.HeadPosition;
        if (session.JoinedAt is null)
        {
            _lifecycle.Join(new SessionJoined(session.Id), after);
        }

        var joinNotice = room.Log.ReadAfter(beforeJoin).Items.OfType<ChatLine>().Where(line => line.IsFor(session, live: false));
        room.Subscribe(stream, history.Concat(joinNotice).ToArray(), _time.GetTimestamp());

        return true;
    }

    /// <summary>The stream's transport closed: the session keeps its place for the grace period.</summary>
    public void Closed(ChatSession session, IPushStream stream)
    {
        session.Room.Unsubscribe(stream);
        if (session.Stream == stream)
        {
            session.Stream = null;
            session.StreamClosedAt = Now;
        }
    }
}

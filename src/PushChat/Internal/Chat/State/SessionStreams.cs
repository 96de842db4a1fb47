using System;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that attaches a session's streams to its room and detaches
/// them when their transports close: a session may have several, the first announces the session,
/// and the last one closing starts the session's grace period. Runs only under the
/// state's lock, so a stream never misses a line nor gets one twice while it is attached.
/// </summary>
internal sealed class SessionStreams
{
    private readonly TimeProvider _time;
    private readonly SessionLifecycle _lifecycle;
    private readonly StreamReplays _replays;
    private readonly int _maxStreams;

    public SessionStreams(TimeProvider time, SessionLifecycle lifecycle, StreamReplays replays, int maxStreams)
    {
        _time = time;
        _lifecycle = lifecycle;
        _replays = replays;
        _maxStreams = maxStreams;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Opens one more stream of the session, from <paramref name="from"/> when it resumes; false
    /// when the session has ended or the transport closed before it could start. Streams of one
    /// session do not end each other, up to <see cref="ChatServerLimits.MaxStreamsPerSession"/>.
    /// </summary>
    public bool Open(ChatSession session, Func<IPushStream> open, StreamCursor? from, AfterChange after)
    {
        if (session.Ended)
        {
            return false;
        }

        var stream = open();
        session.LastSeen = Now;
        if (stream.IsClosed)
        {
            if (!session.HasStreams)
            {
                session.StreamClosedAt = Now;
            }

            return false;
        }

        while (session.Streams.Length >= _maxStreams)
        {
            var oldest = session.Streams[0];
            Forget(session, oldest);
            after.End(oldest, ByeReasons.Replaced);
        }

        session.AddStream(stream);
        session.StreamClosedAt = null;

        // The history is the one the reader came to; its own join notice follows it, then live
        // lines. All under the lock, so nothing falls between them.
        var replay = _replays.Open(session, from);
        if (session.JoinedAt is null)
        {
            _lifecycle.Join(new SessionJoined(session.Id), after);
            replay = StreamReplays.Extend(replay, session);
        }

        session.Room.Subscribe(stream, replay, _time.GetTimestamp());
        return true;
    }

    /// <summary>The stream's transport closed: when it was the last, the session keeps its place for the grace period.</summary>
    public void Closed(ChatSession session, IPushStream stream)
    {
        if (Forget(session, stream) && !session.HasStreams)
        {
            session.StreamClosedAt = Now;
        }
    }

    private static bool Forget(ChatSession session, IPushStream stream)
    {
        session.Room.Unsubscribe(stream);
        return session.RemoveStream(stream);
    }
}

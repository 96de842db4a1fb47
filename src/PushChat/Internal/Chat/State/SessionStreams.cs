using System;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that attaches a session's streams to its room and detaches
/// them when their transports close: a session may have several, the first announces the session,
/// and the last one closing starts the session's grace period. Runs only under the
/// state's lock, so a stream never misses a line nor gets one twice while it is attached.
/// A server on its own applies its presence at once; a node of a scaled-out chat reports it to
/// the others as changes (<see cref="IPresenceReports"/>), and the session's first stream anywhere
/// is announced when that change is applied.
/// </summary>
internal sealed class SessionStreams
{
    private readonly TimeProvider _time;
    private readonly SessionPresence _presence;
    private readonly StreamReplays _replays;
    private readonly int _maxStreams;
    private readonly string _node;
    private readonly IPresenceReports? _reports;

    public SessionStreams(TimeProvider time, SessionPresence presence, StreamReplays replays, int maxStreams, string node, IPresenceReports? reports)
    {
        _time = time;
        _presence = presence;
        _replays = replays;
        _maxStreams = maxStreams;
        _node = node;
        _reports = reports;
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
        if (stream.IsClosed)
        {
            if (_reports is null)
            {
                session.LastSeen = Now;
                if (!session.HasStreams)
                {
                    session.StreamClosedAt = Now;
                }
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

        // The history is the one the reader came to; its own join notice follows it, then live
        // lines. All under the lock, so nothing falls between them. On a node of a scaled-out
        // chat the join comes once the other nodes know, as a live line.
        var replay = _replays.Open(session, from);
        if (_reports is { } reports)
        {
            after.Notify(() => reports.StreamsChanged(session));
        }
        else
        {
            var joining = session.JoinedAt is null;
            _presence.Opened(session.Id, _node, after);
            if (joining)
            {
                replay = StreamReplays.Extend(replay, session);
            }
        }

        session.Room.Subscribe(stream, replay, _time.GetTimestamp());
        return true;
    }

    /// <summary>The stream's transport closed: when it was the last, the session keeps its place for the grace period.</summary>
    public void Closed(ChatSession session, IPushStream stream, AfterChange after)
    {
        if (!Forget(session, stream) || session.HasStreams)
        {
            return;
        }

        if (_reports is { } reports)
        {
            after.Notify(() => reports.StreamsChanged(session));
        }
        else
        {
            _presence.Closed(session.Id, _node);
        }
    }

    private static bool Forget(ChatSession session, IPushStream stream)
    {
        session.Room.Unsubscribe(stream);
        return session.RemoveStream(stream);
    }
}

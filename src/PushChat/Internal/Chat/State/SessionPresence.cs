using System;
using System.Linq;
using PushChat.Internal.Chat.Changes;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that knows on which nodes each session has a stream open:
/// the first stream anywhere announces the session; when no node has one left, the leave grace
/// period starts, and a stream opened on any node within it keeps the user in the chat with no
/// leave and no join. Also the sessions' signs of life that nodes report. Runs only under the
/// state's lock, at the change's time, so every node keeps the same presence.
/// </summary>
internal sealed class SessionPresence
{
    private readonly SessionRegistry _sessions;
    private readonly SessionLifecycle _lifecycle;
    private readonly TimeProvider _time;

    public SessionPresence(SessionRegistry sessions, SessionLifecycle lifecycle, TimeProvider time)
    {
        _sessions = sessions;
        _lifecycle = lifecycle;
        _time = time;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    public ChangeResult Opened(StreamsOpened opened, AfterChange after)
    {
        if (_sessions.Find(opened.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Applied;
        }

        if (Array.IndexOf(session.PresentOn, opened.Node) < 0)
        {
            session.PresentOn = session.PresentOn.Append(opened.Node).ToArray();
        }

        session.StreamClosedAt = null;
        session.LastSeen = Now;
        if (session.JoinedAt is null)
        {
            _lifecycle.Join(new SessionJoined(session.Id), after);
        }

        return ChangeResult.Applied;
    }

    public ChangeResult Closed(StreamsClosed closed)
    {
        if (_sessions.Find(closed.SessionId) is { Ended: false } session)
        {
            Leave(session, closed.Node);
        }

        return ChangeResult.Applied;
    }

    /// <summary>A node is gone: its streams count as closed.</summary>
    public ChangeResult Lost(NodeLost lost)
    {
        foreach (var session in _sessions.All().Where(s => !s.Ended && Array.IndexOf(s.PresentOn, lost.Node) >= 0).ToArray())
        {
            Leave(session, lost.Node);
        }

        return ChangeResult.Applied;
    }

    public ChangeResult Seen(SessionsSeen seen)
    {
        foreach (var id in seen.SessionIds)
        {
            if (_sessions.Find(id) is { Ended: false } session)
            {
                session.LastSeen = Now;
            }
        }

        return ChangeResult.Applied;
    }

    private void Leave(ChatSession session, string node)
    {
        if (Array.IndexOf(session.PresentOn, node) < 0)
        {
            return;
        }

        session.PresentOn = session.PresentOn.Where(n => n != node).ToArray();
        if (!session.IsPresent)
        {
            session.StreamClosedAt = Now;
        }
    }
}

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

    /// <summary>Applies a node's report of the sessions whose streams there opened or all closed.</summary>
    public ChangeResult Changed(StreamsChanged changed, AfterChange after)
    {
        foreach (var id in changed.Opened)
        {
            Opened(id, changed.Node, after);
        }

        foreach (var id in changed.Closed)
        {
            Closed(id, changed.Node);
        }

        return ChangeResult.Applied;
    }

    /// <summary>The session has a stream open on the node now, where it had none; the first one anywhere announces it.</summary>
    public void Opened(string sessionId, string node, AfterChange after)
    {
        if (_sessions.Find(sessionId) is not { Ended: false } session)
        {
            return;
        }

        if (Array.IndexOf(session.PresentOn, node) < 0)
        {
            session.PresentOn = session.PresentOn.Append(node).ToArray();
        }

        session.StreamClosedAt = null;
        session.LastSeen = Now;
        if (session.JoinedAt is null)
        {
            _lifecycle.Join(new SessionJoined(session.Id), after);
        }
    }

    /// <summary>The session's last stream on the node closed.</summary>
    public void Closed(string sessionId, string node)
    {
        if (_sessions.Find(sessionId) is { Ended: false } session)
        {
            Leave(session, node);
        }
    }

    /// <summary>A node is gone: its streams count as closed.</summary>
    public ChangeResult Lost(NodeLost lost)
    {
        foreach (var session in _sessions.InStartOrder().Where(s => !s.Ended && Array.IndexOf(s.PresentOn, lost.Node) >= 0).ToArray())
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

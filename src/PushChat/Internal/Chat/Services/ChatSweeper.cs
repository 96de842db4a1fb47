using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Chat.Services;

/// <summary>Housekeeping, once a second: keep-alives, sessions that never opened, lost streams, idle sessions, the notices crowded rooms folded, empty rooms, the names frames' new lists.</summary>
internal sealed class ChatSweeper
{
    private readonly ChatEngine _engine;
    private readonly ChatServerOptions _options;
    private readonly TimeProvider _time;

    // The server's fan-out thread: keep-alives go through it behind the lines.
    private readonly OutboundDispatcher _dispatcher;

    public ChatSweeper(ChatEngine engine, TimeProvider time, OutboundDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _engine = engine;
        _options = engine.Options;
        _time = time;
    }

    public void Sweep()
    {
        var timestamp = _time.GetTimestamp();
        var keepAliveTicks = (long)(_options.KeepAliveInterval.TotalSeconds * _time.TimestampFrequency);

        // Every node keeps its own streams alive; one node of a scaled-out chat, its leader, ends
        // sessions and rooms for all, since every node would otherwise end them each.
        var writers = new DrainBatch(_dispatcher);
        foreach (var session in _engine.State.Sessions.All())
        {
            foreach (var stream in session.Streams)
            {
                if (timestamp - stream.LastWrite >= keepAliveTicks)
                {
                    stream.KeepAlive(timestamp, writers);
                }
            }
        }

        writers.Schedule();
        if (_engine.Node is { } node)
        {
            node.Tick(Lead);
        }
        else
        {
            Lead();
        }

        _engine.Names.Refresh();
    }

    /// <summary>The chat's timed work, done by one node: sessions and rooms that are due end, bans and mutes run out.</summary>
    private void Lead()
    {
        var now = _time.GetUtcNow();
        foreach (var session in _engine.State.Sessions.All().ToArray())
        {
            if (LeaveReason(session, now) is { } reason)
            {
                _engine.Sessions.Expire(session, reason, session.LastSeen);
            }
        }

        _engine.Upkeep.FlushFoldedNotices();
        _engine.Upkeep.CloseEmptyRooms();
        _engine.Upkeep.SweepModeration();
    }

    /// <summary>Why the session should end now: it never opened its stream, its streams are gone for the grace period, or it is idle; null when none holds.</summary>
    private ChatLeaveReason? LeaveReason(ChatSession session, DateTimeOffset now)
    {
        if (session.Ended)
        {
            return null;
        }

        if (session.JoinedAt is null && now - session.CreatedAt >= _options.StreamOpenTimeout)
        {
            return ChatLeaveReason.TimedOut;
        }

        if (!session.IsPresent && session.StreamClosedAt is { } closedAt && now - closedAt >= _options.LeaveGracePeriod)
        {
            return ChatLeaveReason.Disconnected;
        }

        return now - session.LastSeen >= _options.SessionIdleTimeout ? ChatLeaveReason.TimedOut : null;
    }
}

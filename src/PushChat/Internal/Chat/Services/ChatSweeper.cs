using System;
using System.Collections.Generic;
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
        var now = _time.GetUtcNow();
        var timestamp = _time.GetTimestamp();
        var keepAliveTicks = (long)(_options.KeepAliveInterval.TotalSeconds * _time.TimestampFrequency);
        var leaving = new List<(ChatSession Session, ChatLeaveReason Reason, DateTimeOffset LastSeen)>();
        var writers = new DrainBatch(_dispatcher);
        foreach (var session in _engine.State.Sessions.All())
        {
            var lastSeen = session.LastSeen;
            if (session.JoinedAt is null && now - session.CreatedAt >= _options.StreamOpenTimeout)
            {
                leaving.Add((session, ChatLeaveReason.TimedOut, lastSeen));
            }
            else if (!session.HasStreams && session.StreamClosedAt is { } closedAt && now - closedAt >= _options.LeaveGracePeriod)
            {
                leaving.Add((session, ChatLeaveReason.Disconnected, lastSeen));
            }
            else if (now - lastSeen >= _options.SessionIdleTimeout)
            {
                leaving.Add((session, ChatLeaveReason.TimedOut, lastSeen));
            }
            else
            {
                foreach (var stream in session.Streams)
                {
                    if (timestamp - stream.LastWrite >= keepAliveTicks)
                    {
                        stream.KeepAlive(timestamp, writers);
                    }
                }
            }
        }

        writers.Schedule();
        foreach (var (session, reason, lastSeen) in leaving)
        {
            _engine.Sessions.Expire(session, reason, lastSeen);
        }

        _engine.Upkeep.FlushFoldedNotices();
        _engine.Upkeep.CloseEmptyRooms();
        _engine.Upkeep.SweepModeration();
        _engine.Names.Refresh();
    }
}

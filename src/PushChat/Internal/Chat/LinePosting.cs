using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Chat;

/// <summary>
/// The part of <see cref="ChatState"/> that numbers lines and hands them to the fan-out, tells a
/// session a notice of its own, takes lines back, and reads a room's history. It holds the stamp
/// that orders lines and ignores, so ignores and a session's colour are set here too. Runs only
/// under the state's lock, which is what makes a room's sequence numbers one order for everyone.
/// </summary>
internal sealed class LinePosting
{
    private readonly SessionRegistry _sessions;
    private readonly RoomDirectory _rooms;
    private readonly Moderation _moderation;
    private readonly LineEncoders _encoders;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatMetrics _metrics;
    private readonly OutboundDispatcher _dispatcher;

    // Orders lines and ignores: a reader ignores the lines stamped after its ignore.
    private long _stamp;

    public LinePosting(SessionRegistry sessions, RoomDirectory rooms, Moderation moderation, LineEncoders encoders, TimeProvider time, ILogger logger, IChatEvents events, ChatMetrics metrics, OutboundDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _sessions = sessions;
        _rooms = rooms;
        _moderation = moderation;
        _encoders = encoders;
        _time = time;
        _logger = logger;
        _events = events;
        _metrics = metrics;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    public ChangeResult Post(LinePosted posted, AfterChange after)
    {
        ChatSession? sender = null;
        if (posted.SenderSessionId is { } senderId && (sender = _sessions.Find(senderId)) is not { Ended: false })
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        if (sender is not null && _moderation.MuteRefusal(sender) is { } muted)
        {
            return ChangeResult.Refused(403, muted);
        }

        ChatSession? target = null;
        if (posted.TargetSessionId is { } targetId && (target = _sessions.Find(targetId)) is not { Ended: false })
        {
            return ChangeResult.Refused(404, $"{posted.Target} is no longer online.");
        }

        // A user's room line goes to the room its filters approved it for, and the sender must still
        // be there: said in a room they left meanwhile, it would reach people it was not meant for.
        if (sender is not null && posted.Audience == LineAudience.Room && !string.Equals(sender.Room.Name, posted.Room, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeResult.Refused(409, $"You went to {sender.Room.Name} before your message to {posted.Room} was sent, so it was not sent. Send it again to say it here.");
        }

        // A whisper is numbered in its sender's room; a system line to one user, in that user's room.
        var room = sender?.Room ?? target?.Room ?? _rooms.Find(posted.Room);
        if (room is null)
        {
            return ChangeResult.Refused(404, $"There is no room called {posted.Room}.");
        }

        var message = new ChatMessage(room.Name, room.NextSequence(), posted.Kind, posted.Sender, posted.SenderColor, posted.Text, Now, posted.Target, sender?.Role);
        var line = new ChatLine(message, posted.Audience, _encoders, ++_stamp);
        var delivered = room.Publish(line, _time.GetTimestamp(), target is null ? null : StreamsOf(sender, target));
        after.Notify(() =>
        {
            _metrics.LinesPosted.Add(1);
            _metrics.Deliveries.Add(delivered);
        });
        _events.MessagePosted(message);
        return ChangeResult.Posted(message);
    }

    /// <summary>The open streams of a private line's two ends, wherever they are.</summary>
    private static IPushStream[] StreamsOf(ChatSession? sender, ChatSession target)
    {
        var streams = new List<IPushStream>(2);
        if (sender?.Stream is { } senderStream)
        {
            streams.Add(senderStream);
        }

        if (target.Stream is { } targetStream && target != sender)
        {
            streams.Add(targetStream);
        }

        return streams.ToArray();
    }

    public ChangeResult Tell(NoticeSent notice)
    {
        if (_sessions.Find(notice.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        return ChangeResult.Posted(Tell(session, notice.Text));
    }

    /// <summary>A notice on the session's open stream only.</summary>
    public ChatMessage Tell(ChatSession session, string text)
    {
        var message = new ChatMessage(session.Room.Name, 0, ChatMessageKind.Whisper, null, null, text, Now, session.UserName);
        if (session.Stream is { } stream)
        {
            var fanOut = new DrainBatch(_dispatcher);
            fanOut.FanOut(new IFanOutTarget[] { stream }, new ChatLine(message, LineAudience.Room, _encoders, ++_stamp), _time.GetTimestamp());
            fanOut.Schedule();
        }

        return message;
    }

    public ChangeResult Delete(LineDeleted deleted, AfterChange after)
    {
        var room = _rooms.Find(deleted.Room);
        string? by = null;
        if (deleted.BySessionId is { } id)
        {
            if (_sessions.Find(id) is not { Ended: false } session)
            {
                return ChangeResult.Refused(404, "Your session has ended.");
            }

            if (room is null)
            {
                return ChangeResult.Refused(404, $"There is no room called {deleted.Room}.");
            }

            if (!ChatPolicy.Allows(ChatAct.DeleteLine, ChatPolicy.AuthorityOf(session, room), PolicyScope.Room))
            {
                return ChangeResult.Refused(403, ChatPolicy.OnlyWho(ChatAct.DeleteLine, room.Name));
            }

            by = session.UserName;
        }

        if (room?.Delete(deleted.Sequence) is not { } line)
        {
            return ChangeResult.Refused(404, "That line is no longer kept.");
        }

        // Every open stream, whatever its room: one may have shown the line before it moved.
        // Scheduled under the lock, after the line's own fan-out, so it reaches every reader after the line.
        var streams = _rooms.All().SelectMany(r => r.Streams).ToArray();
        var fanOut = new DrainBatch(_dispatcher);
        fanOut.FanOut(streams, new LineRemoval(line.Message, _encoders), _time.GetTimestamp());
        fanOut.Schedule();
        var (roomName, sequence) = (room.Name, deleted.Sequence);
        after.Notify(() => Log.LineDeleted(_logger, roomName, sequence, by));
        _events.LineDeleted(roomName, sequence, by);
        return ChangeResult.Applied;
    }

    /// <summary>The lines of a room's history the reader may see, oldest first.</summary>
    public static IReadOnlyList<ChatMessage> History(ChatRoom room, IPushReader reader) =>
        room.HistoryAfter(0).Where(line => line.IsFor(reader, live: false)).Select(line => line.Message).ToArray();

    public ChangeResult Ignore(IgnoreChanged ignore)
    {
        if (_sessions.Find(ignore.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        session.SetIgnored(ignore.UserName, ignore.Ignore, ++_stamp);
        return ChangeResult.Applied;
    }

    public ChangeResult ChangeColor(ColorChanged change)
    {
        if (_sessions.Find(change.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        // Not a membership change: the online list shows the new colour with its next refresh, within a second.
        session.Color = change.Color;
        return ChangeResult.Applied;
    }
}

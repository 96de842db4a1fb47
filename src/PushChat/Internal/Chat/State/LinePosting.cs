using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that appends lines to their room's log (whispers and a
/// session's own notices to the mailboxes of their ends) and hands them to the fan-out, takes lines
/// back with a tombstone, and reads what a stream replays. It holds the stamp that orders items of
/// different logs, lines and ignores, so ignores and a session's colour are set here too. Runs only
/// under the state's lock, which is what makes each log's positions one order for everyone.
/// </summary>
internal sealed class LinePosting
{
    private readonly SessionRegistry _sessions;
    private readonly RoomDirectory _rooms;
    private readonly Moderation _moderation;
    private readonly LineEncoders _encoders;
    private readonly IFanOut _fanOut;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatMetrics _metrics;

    // Orders lines and ignores: a reader ignores the lines stamped after its ignore.
    private long _stamp;

    public LinePosting(SessionRegistry sessions, RoomDirectory rooms, Moderation moderation, LineEncoders encoders, IFanOut fanOut, TimeProvider time, ILogger logger, IChatEvents events, ChatMetrics metrics)
    {
        _sessions = sessions;
        _rooms = rooms;
        _moderation = moderation;
        _encoders = encoders;
        _fanOut = fanOut;
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
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
        }

        if (sender is not null && _moderation.MuteRefusal(sender) is { } muted)
        {
            return ChangeResult.Refused(403, muted);
        }

        ChatSession? target = null;
        if (posted.TargetSessionId is { } targetId && (target = _sessions.Find(targetId)) is not { Ended: false })
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoLongerOnline, ("name", posted.Target)));
        }

        // A user's room line goes to the room its filters approved it for, and the sender must still
        // be there: said in a room they left meanwhile, it would reach people it was not meant for.
        if (sender is not null && posted.Audience == LineAudience.Room && !string.Equals(sender.Room.Name, posted.Room, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeResult.Refused(409, LocalText.Of(StateTexts.MovedBeforeSent, ("room", sender.Room.Name), ("to", posted.Room)));
        }

        // A room line goes to its room's log; a whisper, or a line for one user, to the mailboxes of its ends.
        var room = sender?.Room ?? target?.Room ?? _rooms.Find(posted.Room);
        if (room is null)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoSuchRoom, ("room", posted.Room)));
        }

        // The host's events and history read a notice in the server's default language; each reader in their own.
        var text = posted.Notice?.In(_encoders.Languages.Default) ?? posted.Text;
        ChatMessage message;
        int delivered;
        if (target is null)
        {
            message = new ChatMessage(room.Name, room.Log.Head + 1, posted.Kind, posted.Sender, posted.SenderColor, text, Now, posted.Target, sender?.Role);
            delivered = room.Publish(new ChatLine(message, posted.Audience, _encoders, ++_stamp) { Topic = posted.Topic, Notice = posted.Notice }, _time.GetTimestamp());
        }
        else
        {
            message = new ChatMessage(room.Name, 0, posted.Kind, posted.Sender, posted.SenderColor, text, Now, posted.Target, sender?.Role);
            delivered = SendPrivately(message, sender, target, posted.Notice);
        }

        after.Notify(() =>
        {
            _metrics.LinesPosted.Add(1);
            _metrics.Deliveries.Add(delivered);
        });
        _events.MessagePosted(message);
        return ChangeResult.Posted(message);
    }

    /// <summary>Puts a private line in the mailbox of each end, sharing its bytes; returns how many streams it went to.</summary>
    private int SendPrivately(ChatMessage message, ChatSession? sender, ChatSession target, LocalText? notice)
    {
        var stamp = ++_stamp;
        var toTarget = new ChatLine(message, LineAudience.Room, _encoders, stamp) { Notice = notice };
        var delivered = ToMailbox(target, toTarget);
        if (sender is not null && sender != target)
        {
            delivered += ToMailbox(sender, new ChatLine(message, LineAudience.Room, _encoders, stamp, sameBytesAs: toTarget) { Notice = notice });
        }

        return delivered;
    }

    /// <summary>Appends a private item to the session's mailbox and hands it to the session's open streams.</summary>
    private int ToMailbox(ChatSession session, PushItem item)
    {
        session.Mailbox.Append(item);
        IFanOutTarget[] streams = session.Streams;
        _fanOut.To(streams, item, _time.GetTimestamp());
        return streams.Length;
    }

    public ChangeResult Tell(NoticeSent notice)
    {
        if (_sessions.Find(notice.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
        }

        return ChangeResult.Posted(Tell(session, notice.Text));
    }

    /// <summary>
    /// A notice for the session alone, in its mailbox: shown on its open stream, and again after a
    /// reload or a move. Worded in the session's language, which is the only one that reads it.
    /// </summary>
    public ChatMessage Tell(ChatSession session, LocalText text)
    {
        var message = new ChatMessage(session.Room.Name, 0, ChatMessageKind.Whisper, null, null, text.In(session.Language), Now, session.UserName);
        ToMailbox(session, new ChatLine(message, LineAudience.Room, _encoders, ++_stamp));
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
                return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
            }

            if (room is null)
            {
                return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoSuchRoom, ("room", deleted.Room)));
            }

            if (!ChatPolicy.Allows(ChatAct.DeleteLine, ChatPolicy.AuthorityOf(session, room), PolicyScope.Room))
            {
                return ChangeResult.Refused(403, ChatPolicy.OnlyWhoText(ChatAct.DeleteLine, room.Name));
            }

            by = session.UserName;
        }

        if (deleted.Epoch is { } epoch && room is not null && epoch != room.Log.Epoch)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.LineGoneReopened, ("room", room.Name)));
        }

        if (room?.Delete(deleted.Sequence) is not { } line)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.LineGone));
        }

        // The tombstone takes a position in the room's log, for readers resuming after the line.
        // Live, every open stream gets it, whatever its room: one may have shown the line before
        // it moved. Handed over under the lock, after the line's own fan-out, so it reaches every
        // reader after the line.
        var tombstone = new LineRemoval(line, _encoders, ++_stamp);
        room.Log.Append(tombstone);
        _fanOut.To(_rooms.All().SelectMany(r => r.Streams).ToArray(), tombstone, _time.GetTimestamp());
        var (roomName, sequence) = (room.Name, deleted.Sequence);
        after.Notify(() => Log.LineDeleted(_logger, roomName, sequence, by));
        _events.LineDeleted(roomName, sequence, by);
        return ChangeResult.Applied;
    }

    /// <summary>The lines of a room's history the reader may see, oldest first, notices in <paramref name="language"/>.</summary>
    public static IReadOnlyList<ChatMessage> History(ChatRoom room, IPushReader reader, ChatLanguage language) =>
        room.Log.FromStart().OfType<ChatLine>().Where(line => line.IsFor(reader, live: false)).Select(line => line.MessageIn(language)).ToArray();

    /// <summary>
    /// What a session's stream shows when it opens in <paramref name="room"/>: the room's kept lines
    /// and, for a new stream, the session's own private items (a stream that moves has shown them
    /// already), in the order they were applied, as far as the reader may see them.
    /// </summary>
    public static IReadOnlyList<ChatLine> Replay(ChatSession session, ChatRoom room, bool withMailbox) =>
        room.Log.FromStart().Concat(withMailbox ? session.Mailbox.FromStart() : Array.Empty<PushItem>())
            .OfType<ChatLine>()
            .Where(line => line.IsFor(session, live: false))
            .OrderBy(line => line.Stamp)
            .ToArray();

    public ChangeResult Ignore(IgnoreChanged ignore)
    {
        if (_sessions.Find(ignore.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
        }

        session.SetIgnored(ignore.UserName, ignore.Ignore, ++_stamp);
        return ChangeResult.Applied;
    }

    public ChangeResult ChangeColor(ColorChanged change)
    {
        if (_sessions.Find(change.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
        }

        // Not a membership change: the online list shows the new colour with its next refresh, within a second.
        session.Color = change.Color;
        return ChangeResult.Applied;
    }
}

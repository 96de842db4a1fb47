namespace PushChat.Internal.Push;

/// <summary>
/// How far one stream's reader has got in the two logs it follows, its room's and its mailbox:
/// advanced by every item the stream passes on, moved to a new room's log on a move. Not
/// thread-safe: its stream guards it.
/// </summary>
internal sealed class ReaderCursor
{
    private LogPosition _room;
    private LogPosition _mailbox;

    public StreamCursor Current => new(_room, _mailbox);

    /// <summary>Whether the item is of the reader's room or mailbox (not of a room it has left).</summary>
    public bool Follows(PushItem item) =>
        item.Position.Epoch == (item.InMailbox ? _mailbox.Epoch : _room.Epoch);

    /// <summary>Starts over at a room's log and the mailbox, where a replay begins.</summary>
    public void Start(LogPosition room, LogPosition mailbox)
    {
        _room = room;
        _mailbox = mailbox;
    }

    /// <summary>Moves past an item the reader got (or may not see); false when it is of neither log.</summary>
    public bool Advance(PushItem item)
    {
        if (!Follows(item))
        {
            return false;
        }

        if (item.InMailbox)
        {
            _mailbox = Later(_mailbox, item.Position);
        }
        else
        {
            _room = Later(_room, item.Position);
        }

        return true;
    }

    /// <summary>After a replay: the reader has both logs up to their heads, including what it may not see.</summary>
    public void CatchUp(LogPosition roomHead, LogPosition mailboxHead)
    {
        _room = roomHead.Epoch == _room.Epoch ? Later(_room, roomHead) : roomHead;
        _mailbox = mailboxHead.Epoch == _mailbox.Epoch ? Later(_mailbox, mailboxHead) : mailboxHead;
    }

    private static LogPosition Later(LogPosition known, LogPosition next) =>
        next.Sequence > known.Sequence ? next : known;
}

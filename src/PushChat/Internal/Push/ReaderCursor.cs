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

    /// <summary>
    /// Where the reader stands; a mailbox it has nothing of is written <see cref="LogPosition.None"/>
    /// (<c>0:0</c>), the same for every reader, so readers who only follow their room share their
    /// cursors (and an event stream its ids).
    /// </summary>
    public StreamCursor Current => new(_room, _mailbox.Sequence == 0 ? LogPosition.None : _mailbox);

    /// <summary>Whether the item is of the reader's room or mailbox (not of a room it has left).</summary>
    public bool Follows(PushItem item) =>
        item.Position.Epoch == (item.InMailbox ? _mailbox.Epoch : _room.Epoch);

    /// <summary>
    /// Starts over where a replay begins: at a room's log and the mailbox when the stream opens;
    /// at the new room's log only when the reader moves, since mailbox items may still be on their
    /// way to it.
    /// </summary>
    public void Start(StreamReplay replay)
    {
        _room = replay.RoomStart;
        if (!replay.IsMove)
        {
            _mailbox = replay.MailboxStart;
        }
    }

    /// <summary>After a replay: the reader has the room's log up to its head (and, unless it moved, the mailbox), including what it may not see.</summary>
    public void CatchUp(StreamReplay replay)
    {
        _room = Later(_room, replay.RoomHead);
        if (!replay.IsMove)
        {
            _mailbox = Later(_mailbox, replay.MailboxHead);
        }
    }

    /// <summary>
    /// Moves past an item: <see cref="CursorStep.New"/> when it is after the cursor in one of the
    /// reader's logs, <see cref="CursorStep.Seen"/> when the cursor is past it already (a replay
    /// sent it while its fan-out was still on its way), <see cref="CursorStep.Foreign"/> when it is
    /// of neither log.
    /// </summary>
    public CursorStep Advance(PushItem item)
    {
        if (!Follows(item))
        {
            return CursorStep.Foreign;
        }

        ref var known = ref item.InMailbox ? ref _mailbox : ref _room;
        if (item.Position.Sequence <= known.Sequence)
        {
            return CursorStep.Seen;
        }

        known = item.Position;
        return CursorStep.New;
    }

    private static LogPosition Later(LogPosition known, LogPosition next) =>
        next.Sequence > known.Sequence ? next : known;
}

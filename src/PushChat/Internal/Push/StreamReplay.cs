using System;
using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>
/// What a stream gets when it opens, resumes or follows its reader to another room, before live
/// items: the room it is now in, what it could not have, and the kept items it has not seen,
/// oldest first (only lines for a chat frame; lines and deletions for the JSON streams).
/// </summary>
/// <param name="Room">The room's name.</param>
/// <param name="Topic">The room's topic, or null.</param>
/// <param name="Owner">Who owns the room, or null.</param>
/// <param name="RoomStart">Where the reader stood in the room's log before <paramref name="Items"/> (its epoch names the log).</param>
/// <param name="MailboxStart">Where the reader stood in its mailbox before <paramref name="Items"/>.</param>
/// <param name="RoomHead">The room log's newest position now: live items follow it.</param>
/// <param name="MailboxHead">The mailbox's newest position now.</param>
/// <param name="Items">The kept items after the starts that the reader may see, in the order they were applied.</param>
/// <param name="Missed">What fell out of a log after the reader's position, or was from another life of it.</param>
/// <param name="Presence">Writes the room's presence item (JSON), for the JSON streams; called under the chat state's lock, and only by them.</param>
/// <param name="IsMove">The reader moved: the chat frame keeps what it shows and adds the new room's lines.</param>
internal sealed record StreamReplay(
    string Room,
    string? Topic,
    string? Owner,
    LogPosition RoomStart,
    LogPosition MailboxStart,
    LogPosition RoomHead,
    LogPosition MailboxHead,
    IReadOnlyList<PushItem> Items,
    IReadOnlyList<LogMiss> Missed,
    Func<byte[]> Presence,
    bool IsMove);

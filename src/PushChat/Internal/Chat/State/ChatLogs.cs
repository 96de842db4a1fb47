using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Creates the chat's logs: one per room, one mailbox per session for its private items
/// (whispers, notices to it alone, answers to its commands). Each room's log gets an epoch of its
/// own, the mailboxes share the server's; each keeps the newest
/// <see cref="ChatServerOptions.HistoryLength"/> items. Called under the chat
/// state's lock.
/// </summary>
internal sealed class ChatLogs
{
    private readonly int _length;
    private readonly LogEpochs _epochs;

    // Every mailbox of this server shares one epoch: a mailbox lives as long as its session, which
    // no other life of the server can resume, and readers whose mailboxes stand at the same place
    // then have the same cursor, so an event stream's ids can be shared by all of them.
    private readonly long _mailboxEpoch;

    public ChatLogs(int length, LogEpochs epochs)
    {
        _length = length;
        _epochs = epochs;
        _mailboxEpoch = epochs.Next();
    }

    public ItemLog NewRoomLog() => new(_epochs.Next(), _length);

    public ItemLog NewMailbox() => new(_mailboxEpoch, _length, isMailbox: true);
}

using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Creates the chat's logs: one per room, one mailbox per session for its private items
/// (whispers, notices to it alone, answers to its commands). Each gets an epoch of its own and
/// keeps the newest <see cref="ChatServerOptions.HistoryLength"/> items. Called under the chat
/// state's lock.
/// </summary>
internal sealed class ChatLogs
{
    private readonly int _length;
    private readonly LogEpochs _epochs;

    public ChatLogs(int length, LogEpochs epochs)
    {
        _length = length;
        _epochs = epochs;
    }

    public ItemLog NewRoomLog() => new(_epochs.Next(), _length);

    public ItemLog NewMailbox() => new(_epochs.Next(), _length, isMailbox: true);
}

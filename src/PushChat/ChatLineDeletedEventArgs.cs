using System;

namespace PushChat;

/// <summary>Tells the host that a line was deleted: it left its room's history and every open chat frame.</summary>
public sealed class ChatLineDeletedEventArgs : EventArgs
{
    /// <summary>Creates the arguments; the server creates these.</summary>
    /// <param name="room">The room of the deleted line.</param>
    /// <param name="sequence">The deleted line's number in its room.</param>
    /// <param name="deletedBy">Who deleted it, or <see langword="null"/> when the host did.</param>
    public ChatLineDeletedEventArgs(string room, long sequence, string? deletedBy)
    {
        Room = room ?? throw new ArgumentNullException(nameof(room));
        Sequence = sequence;
        DeletedBy = deletedBy;
    }

    /// <summary>The room of the deleted line.</summary>
    public string Room { get; }

    /// <summary>The deleted line's number in its room (<see cref="ChatMessage.Sequence"/>).</summary>
    public long Sequence { get; }

    /// <summary>The name of the room's owner or the admin who deleted it, or <see langword="null"/> when the host did.</summary>
    public string? DeletedBy { get; }
}

using System;

namespace PushChat;

/// <summary>
/// An audit record of a privileged act, done or refused: who did what to whom, where, why and
/// until when. Raised by <see cref="ChatServer.ModerationPerformed"/> and <see cref="ChatServer.ModerationRefused"/>.
/// </summary>
public sealed class ChatModerationEventArgs : EventArgs
{
    /// <summary>Creates the record; the engine creates these.</summary>
    /// <param name="action">What was done or tried.</param>
    /// <param name="actor">The user who acted, or <see langword="null"/> for the host.</param>
    /// <param name="target">The user name or the address acted on (for a room closing, the room).</param>
    /// <param name="room">The room it happened in, or <see langword="null"/> for a server-wide act.</param>
    /// <param name="reason">The reason the actor gave, or <see langword="null"/>.</param>
    /// <param name="time">When it happened, on the server's clock.</param>
    /// <param name="until">When a ban or mute ends; <see langword="null"/> for other acts.</param>
    /// <param name="refusal">Why the act was refused; <see langword="null"/> when it was done.</param>
    public ChatModerationEventArgs(ChatModerationAction action, string? actor, string target, string? room, string? reason, DateTimeOffset time, DateTimeOffset? until, string? refusal)
    {
        Action = action;
        Actor = actor;
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Room = room;
        Reason = reason;
        Time = time;
        Until = until;
        Refusal = refusal;
    }

    /// <summary>What was done or tried.</summary>
    public ChatModerationAction Action { get; }

    /// <summary>The user who acted, or <see langword="null"/> for the host.</summary>
    public string? Actor { get; }

    /// <summary>The user name or the address acted on (for a room closing, the room).</summary>
    public string Target { get; }

    /// <summary>The room it happened in, or <see langword="null"/> for a server-wide act.</summary>
    public string? Room { get; }

    /// <summary>The reason the actor gave, or <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>When it happened, on the server's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>When a ban or mute ends; <see langword="null"/> for other acts.</summary>
    public DateTimeOffset? Until { get; }

    /// <summary>Why the act was refused (shown to the actor as well); <see langword="null"/> when it was done.</summary>
    public string? Refusal { get; }
}

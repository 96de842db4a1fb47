using System;

namespace PushChat.ScaleOut;

/// <summary>A change as the backplane stored it: its place in the chat's order, its time and who made it.</summary>
public sealed class BackplaneChange
{
    /// <summary>Creates a stored change.</summary>
    /// <param name="position">Its place in the chat's order: 1 for the first change, one more for each next.</param>
    /// <param name="at">When the backplane stored it; never earlier than the change before it.</param>
    /// <param name="nodeId">The node that appended it.</param>
    /// <param name="payload">The change as the server encoded it.</param>
    public BackplaneChange(long position, DateTimeOffset at, string nodeId, ReadOnlyMemory<byte> payload)
    {
        if (position < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "Positions start at 1.");
        }

        Position = position;
        At = at;
        NodeId = nodeId ?? throw new ArgumentNullException(nameof(nodeId));
        Payload = payload;
    }

    /// <summary>Its place in the chat's order: 1 for the first change, one more for each next.</summary>
    public long Position { get; }

    /// <summary>When the backplane stored it; never earlier than the change before it. Everything the change sets is timed by this.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The node that appended it; host events for it are raised on that node.</summary>
    public string NodeId { get; }

    /// <summary>The change as the server encoded it.</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}

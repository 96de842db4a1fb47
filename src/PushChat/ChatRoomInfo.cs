namespace PushChat;

/// <summary>A read-only view of a room.</summary>
public sealed class ChatRoomInfo
{
    /// <summary>Creates a view of a room without topic or owner; the engine creates these.</summary>
    /// <param name="name">The room's name.</param>
    /// <param name="occupants">How many users are in the room.</param>
    /// <param name="lastSequence">The sequence number of the room's latest line, 0 before the first.</param>
    public ChatRoomInfo(string name, int occupants, long lastSequence)
        : this(name, occupants, lastSequence, topic: null, owner: null)
    {
    }

    /// <summary>Creates a view; the engine creates these.</summary>
    /// <param name="name">The room's name.</param>
    /// <param name="occupants">How many users are in the room.</param>
    /// <param name="lastSequence">The sequence number of the room's latest line, 0 before the first.</param>
    /// <param name="topic">The room's topic, or <see langword="null"/>.</param>
    /// <param name="owner">The user who created the room, or <see langword="null"/> for rooms of the server.</param>
    public ChatRoomInfo(string name, int occupants, long lastSequence, string? topic, string? owner)
    {
        Name = name;
        Occupants = occupants;
        LastSequence = lastSequence;
        Topic = topic;
        Owner = owner;
    }

    /// <summary>The room's name.</summary>
    public string Name { get; }

    /// <summary>How many users are in the room.</summary>
    public int Occupants { get; }

    /// <summary>The sequence number of the room's latest line, 0 before the first.</summary>
    public long LastSequence { get; }

    /// <summary>The room's topic, or <see langword="null"/> when none was set.</summary>
    public string? Topic { get; }

    /// <summary>The user who created the room and may set its topic, or <see langword="null"/> for the default room and rooms the host created.</summary>
    public string? Owner { get; }
}

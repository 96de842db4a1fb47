namespace PushChat;

/// <summary>A read-only view of a room.</summary>
public sealed class ChatRoomInfo
{
    /// <summary>Creates a view; the engine creates these.</summary>
    /// <param name="name">The room's name.</param>
    /// <param name="occupants">How many users are in the room.</param>
    /// <param name="lastSequence">The sequence number of the room's latest line, 0 before the first.</param>
    public ChatRoomInfo(string name, int occupants, long lastSequence)
    {
        Name = name;
        Occupants = occupants;
        LastSequence = lastSequence;
    }

    /// <summary>The room's name.</summary>
    public string Name { get; }

    /// <summary>How many users are in the room.</summary>
    public int Occupants { get; }

    /// <summary>The sequence number of the room's latest line, 0 before the first.</summary>
    public long LastSequence { get; }
}

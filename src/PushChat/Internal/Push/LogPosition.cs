namespace PushChat.Internal.Push;

/// <summary>
/// Where an item stands in its log: the log's <see cref="Epoch"/> and the item's
/// <see cref="Sequence"/> in it (1 for the first item). A log gets a new epoch whenever it is
/// created (a room re-created, a session started, the server restarted), so a position from an
/// earlier life of a log is recognised as stale instead of being read as a place in this one.
/// </summary>
internal readonly record struct LogPosition(long Epoch, long Sequence)
{
    /// <summary>No position: before everything, in no epoch.</summary>
    public static LogPosition None => default;
}

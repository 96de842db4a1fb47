using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>
/// What a reader gets when it asks a log for everything after a position: the items still kept,
/// oldest first, and how many it can no longer have.
/// </summary>
/// <param name="Items">The items after the position, oldest first.</param>
/// <param name="Missed">Items after the position that the log no longer keeps (its tail moved past them).</param>
/// <param name="EpochChanged">The position was from another life of the log (or not a place in this one):
/// <paramref name="Items"/> is everything kept, and <paramref name="Missed"/> counts only this life's lost items.</param>
internal readonly record struct LogRead(IReadOnlyList<PushItem> Items, long Missed, bool EpochChanged)
{
    /// <summary>Whether the reader has everything it asked for.</summary>
    public bool IsComplete => Missed == 0 && !EpochChanged;
}

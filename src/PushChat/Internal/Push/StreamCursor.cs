namespace PushChat.Internal.Push;

/// <summary>
/// What a reader has of the two logs it follows: everything of its room's log up to
/// <see cref="Room"/> and of its mailbox up to <see cref="Mailbox"/>. A stream resumes from one.
/// </summary>
internal readonly record struct StreamCursor(LogPosition Room, LogPosition Mailbox)
{
    public override string ToString() => PositionText.Format(this);
}

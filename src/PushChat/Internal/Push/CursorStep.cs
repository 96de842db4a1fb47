namespace PushChat.Internal.Push;

/// <summary>What an item is to a reader's cursor (see <see cref="ReaderCursor.Advance"/>).</summary>
internal enum CursorStep
{
    /// <summary>After the cursor in the reader's room or mailbox: news.</summary>
    New,

    /// <summary>At or before the cursor: the reader has it already.</summary>
    Seen,

    /// <summary>Of a log the reader does not follow (a room it has left).</summary>
    Foreign,
}

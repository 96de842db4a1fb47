using System;

namespace PushChat.Users;

/// <summary>For tests: points where a <see cref="FileUserStore"/> lets a test fail a write, and its folding threshold.</summary>
internal sealed class FileUserStoreHooks
{
    /// <summary>Runs after the new account file is flushed and before it replaces the old one.</summary>
    public Action? BeforeRename { get; init; }

    /// <summary>Runs after a journal line is written and before it is flushed.</summary>
    public Action? BeforeJournalFlush { get; init; }

    /// <summary>The journal is folded into the file once it is larger than the file and than this.</summary>
    public long MinimumJournalBytes { get; init; } = FileUserStore.MinimumJournalBytes;
}

namespace PushChat.Internal.Push;

/// <summary>Who reads a push stream, as fan-out needs to know them.</summary>
internal interface IPushReader
{
    string SessionId { get; }

    /// <summary>The reader's language, as its place in the server's <see cref="Localization.ChatLanguages"/>: items are written in it.</summary>
    int LanguageIndex { get; }

    /// <summary>
    /// Whether this reader ignores lines from the named user that were stamped at
    /// <paramref name="stamp"/>: an ignore covers lines stamped after it was set.
    /// </summary>
    bool Ignores(string userName, long stamp);
}

namespace PushChat.Internal.Push;

/// <summary>Who reads a push stream, as fan-out needs to know them.</summary>
internal interface IPushReader
{
    string SessionId { get; }

    /// <summary>Whether this reader ignores lines from the named user.</summary>
    bool Ignores(string userName);
}

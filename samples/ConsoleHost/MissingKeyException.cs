namespace PushChat.ConsoleHost;

/// <summary>A PEM certificate is configured without a key: a setting is missing, not a file unreadable.</summary>
internal sealed class MissingKeyException : Exception
{
    public MissingKeyException(string message)
        : base(message)
    {
    }

    public MissingKeyException()
    {
    }

    public MissingKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

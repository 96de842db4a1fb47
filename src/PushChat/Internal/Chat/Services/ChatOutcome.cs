using PushChat.Localization;

namespace PushChat.Internal.Chat.Services;

/// <summary>The result of a user's action: done, or refused with a status and a reason for the user.</summary>
internal readonly struct ChatOutcome<T>
    where T : class
{
    private ChatOutcome(T? value, int statusCode, LocalText? error)
    {
        Value = value;
        StatusCode = statusCode;
        Error = error;
    }

    public T? Value { get; }

    public int StatusCode { get; }

    public LocalText? Error { get; }

    public static ChatOutcome<T> Done(T value) => new(value, 200, null);

    public static ChatOutcome<T> Refused(int statusCode, LocalText error) => new(null, statusCode, error);
}

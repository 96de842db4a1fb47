using System;

namespace PushChat.Internal.Chat.Services;

/// <summary>How a call to a decision hook ended.</summary>
internal readonly struct HookOutcome<T>
{
    private HookOutcome(HookEnd end, T? value, Exception? error)
    {
        End = end;
        Value = value;
        Error = error;
    }

    public HookEnd End { get; }

    public T? Value { get; }

    public Exception? Error { get; }

    public static HookOutcome<T> Completed(T value) => new(HookEnd.Completed, value, null);

    public static HookOutcome<T> Ended(HookEnd end, Exception? error = null) => new(end, default, error);
}

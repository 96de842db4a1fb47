using System;
using PushChat.Internal.Chat.Policy;

namespace PushChat.Internal.Infrastructure;

/// <summary>The checks of what a host passes to <see cref="ChatServer"/>'s methods, with the exception each one throws.</summary>
internal static class HostArguments
{
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public static void RequireText(string? value, string parameter, string message)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException(message, parameter);
        }
    }

    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static void RequireNotNull(object? value, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter);
        }
    }

    /// <exception cref="ArgumentException"><paramref name="userName"/> is null, empty or white space.</exception>
    public static string UserName(string? userName, string parameter) =>
        string.IsNullOrWhiteSpace(userName) ? throw new ArgumentException("Name the user.", parameter) : userName!;

    /// <exception cref="ArgumentOutOfRangeException">The duration is not more than zero and at most 365 days.</exception>
    public static TimeSpan Duration(TimeSpan duration) =>
        duration > TimeSpan.Zero && duration <= ChatPolicy.LongestOnServer
            ? duration
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A ban or mute lasts more than zero and at most 365 days.");
}

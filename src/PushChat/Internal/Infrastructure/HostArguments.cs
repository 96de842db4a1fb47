using System;
using PushChat.Internal.Chat.Policy;

namespace PushChat.Internal.Infrastructure;

/// <summary>The checks of what a host passes to <see cref="ChatServer"/>'s methods, with the exception each one throws.</summary>
internal static class HostArguments
{
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public static string Text(string? value, string parameter, string message) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException(message, parameter) : value!;

    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static T NotNull<T>(T? value, string parameter)
        where T : class =>
        value ?? throw new ArgumentNullException(parameter);

    /// <exception cref="ArgumentException"><paramref name="userName"/> is null, empty or white space.</exception>
    public static string UserName(string? userName, string parameter) =>
        string.IsNullOrWhiteSpace(userName) ? throw new ArgumentException("Name the user.", parameter) : userName!;

    /// <exception cref="ArgumentOutOfRangeException">The duration is not more than zero and at most 365 days.</exception>
    public static TimeSpan Duration(TimeSpan duration) =>
        duration > TimeSpan.Zero && duration <= ChatPolicy.LongestOnServer
            ? duration
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A ban or mute lasts more than zero and at most 365 days.");
}

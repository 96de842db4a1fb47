using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;

using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// What a command came to: done, with what it made or found (<see cref="Value"/>), or refused
/// (<see cref="Refusal"/>). Every transport turns the same outcome into its own answer: a page
/// and a status over HTTP, a frame over a socket.
/// </summary>
internal sealed class CommandOutcome<T>
    where T : class
{
    private CommandOutcome(T? value, CommandRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>What the command made or found; null when it was refused.</summary>
    public T? Value { get; }

    /// <summary>Why the command was refused; null when it was done.</summary>
    public CommandRefusal? Refusal { get; }

    public bool IsDone => Refusal is null;

    /// <summary>200 when done, otherwise the refusal's status.</summary>
    public int StatusCode => Refusal?.StatusCode ?? 200;

    /// <summary>The refusal's message for the user; null when done.</summary>
    public LocalText? Error => Refusal?.Message;

    public static CommandOutcome<T> Done(T value) => new(value, null);

    public static CommandOutcome<T> Refused(string code, int statusCode, LocalText message) => new(null, new CommandRefusal(code, statusCode, message));

    /// <summary>A refusal whose code follows from its status (see <see cref="RefusalCodes.ForStatus"/>).</summary>
    public static CommandOutcome<T> Refused(int statusCode, LocalText message) => Refused(RefusalCodes.ForStatus(statusCode), statusCode, message);

    /// <summary>The refusal for a session id that names no session (any more).</summary>
    public static CommandOutcome<T> SessionEnded() =>
        Refused(RefusalCodes.SessionEnded, 404, LocalText.Of(CommandTexts.SessionEnded));

    public static CommandOutcome<T> From(ChatOutcome<T> outcome) =>
        outcome.Value is { } value ? Done(value) : Refused(outcome.StatusCode, outcome.Error!);

    /// <summary>The outcome of a change that gives nothing back but its refusal: done with <paramref name="value"/>, or refused.</summary>
    public static CommandOutcome<T> From(ChangeResult result, T value) =>
        result.IsRefused ? Refused(result.StatusCode, result.Refusal ?? LocalText.Of(CommandTexts.Refused)) : Done(value);
}

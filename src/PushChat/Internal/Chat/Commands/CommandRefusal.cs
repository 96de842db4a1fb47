using PushChat.Localization;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// Why a command was not carried out: a stable <paramref name="Code"/> a program can branch on
/// (see <see cref="RefusalCodes"/>), an HTTP-like <paramref name="StatusCode"/> a transport can
/// answer with as it is, and a <paramref name="Message"/> for the user, ready to show.
/// </summary>
internal sealed record CommandRefusal(string Code, int StatusCode, LocalText Message);

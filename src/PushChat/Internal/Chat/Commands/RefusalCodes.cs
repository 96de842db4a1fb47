namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// The codes of <see cref="CommandRefusal"/>. They are a protocol's words, so they never change
/// once shipped; a new kind of refusal gets a new code. Most follow from the status the chat
/// refused with, which already tells the kind apart (a 429 is always a spent budget).
/// </summary>
internal static class RefusalCodes
{
    /// <summary>The session the command names has ended, or never existed.</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>Something typed is not valid: a name, a room, a command's arguments, a duration.</summary>
    public const string Invalid = "invalid";

    /// <summary>The user may not do this here: policy, a mute, a ban, a reserved name, a wrong password.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The user, room, line or account named is not there.</summary>
    public const string NotFound = "not_found";

    /// <summary>The chat is not in a state that allows it now: a name taken, a stream not open yet, a password changed meanwhile.</summary>
    public const string Conflict = "conflict";

    /// <summary>A text is longer than the limits allow.</summary>
    public const string TooLong = "too_long";

    /// <summary>There is nothing to say: the text was empty.</summary>
    public const string Empty = "empty";

    /// <summary>A budget is spent (lines, logins, registrations, commands, failed passwords); waiting helps.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The server cannot answer now: a host hook failed or timed out, or the server is stopping.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Any other refusal, for example a message filter of the host's with a status of its own.</summary>
    public const string Refused = "refused";

    /// <summary>The code for a refusal the chat gave with this status.</summary>
    public static string ForStatus(int statusCode) => statusCode switch
    {
        400 => Invalid,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        413 => TooLong,
        422 => Empty,
        429 => RateLimited,
        503 => Unavailable,
        _ => Refused,
    };
}

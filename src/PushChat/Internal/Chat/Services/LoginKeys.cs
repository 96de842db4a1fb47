using PushChat.Users;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// What the login lock-out (<see cref="LoginThrottle"/>) counts by, so that no spelling of a name
/// escapes its count: the account the store finds for the typed name, whichever look-alike was
/// typed ("B0B" finds bob's account); for a name without an account, its look-alike skeleton
/// (<see cref="UserNames.Skeleton"/>), so "m0ra" and "rnora" share the count of "mora".
/// </summary>
internal static class LoginKeys
{
    /// <summary>The key of an account, by the name the store keeps it under.</summary>
    public static string Account(string storedName) => "account:" + AccountNameKey.For(storedName);

    /// <summary>The key of a typed name that has no account, or whose account the server cannot look up (a host's own authenticator).</summary>
    public static string Name(string typedName) => "name:" + UserNames.Skeleton(typedName);
}

namespace PushChat.Internal.Chat.Policy;

/// <summary>
/// How much weight an actor carries for an act, ranked: each one outranks the ones before it. An
/// act may be undone only by the same or a higher authority than the one that did it, and nobody
/// acts on someone of the same or a higher authority.
/// </summary>
internal enum Authority
{
    /// <summary>A user logged in without an account.</summary>
    Guest,

    /// <summary>A registered user.</summary>
    User,

    /// <summary>An owner of the room the act concerns: its opener, or someone made an owner by /op.</summary>
    RoomOwner,

    /// <summary>A user with the role <see cref="ChatRole.Admin"/>, everywhere.</summary>
    Admin,

    /// <summary>The application hosting the server, through the <see cref="ChatServer"/> API.</summary>
    Host,
}

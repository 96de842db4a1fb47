namespace PushChat;

/// <summary>What a user may do in the chat.</summary>
public enum ChatRole
{
    /// <summary>A visitor without an account (allowed by <see cref="ChatServerOptions.AllowGuests"/>).</summary>
    Guest = 0,

    /// <summary>A registered user.</summary>
    User = 1,

    /// <summary>A server-wide administrator.</summary>
    Admin = 2,
}

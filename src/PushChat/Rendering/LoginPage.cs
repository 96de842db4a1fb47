using System;
using System.Collections.Generic;
using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the login page shows.</summary>
public sealed class LoginPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="title">The chat's title.</param>
    /// <param name="userName">The name to fill in again after a refusal, or <see langword="null"/>.</param>
    /// <param name="error">Why the last attempt was refused, or <see langword="null"/>.</param>
    /// <param name="guestsAllowed">Whether names without an account may join as guests.</param>
    public LoginPage(string title, string? userName, string? error, bool guestsAllowed)
        : this(title, userName, error, guestsAllowed, Array.Empty<ChatRoomInfo>())
    {
    }

    /// <summary>Creates the model with the rooms one can enter.</summary>
    /// <param name="title">The chat's title.</param>
    /// <param name="userName">The name to fill in again after a refusal, or <see langword="null"/>.</param>
    /// <param name="error">Why the last attempt was refused, or <see langword="null"/>.</param>
    /// <param name="guestsAllowed">Whether names without an account may join as guests.</param>
    /// <param name="rooms">The rooms, the default room first, with occupancy and topic.</param>
    public LoginPage(string title, string? userName, string? error, bool guestsAllowed, IReadOnlyList<ChatRoomInfo> rooms)
    {
        Rooms = rooms;
        Title = title;
        UserName = userName;
        Error = error;
        GuestsAllowed = guestsAllowed;
    }

    /// <summary>The chat's title.</summary>
    public string Title { get; }

    /// <summary>The name to fill in again after a refusal, or <see langword="null"/>.</summary>
    public string? UserName { get; }

    /// <summary>Why the last attempt was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether names without an account may join as guests.</summary>
    public bool GuestsAllowed { get; }

    /// <summary>The rooms, the default room first, with occupancy and topic; the login form may post one as <c>room</c>.</summary>
    public IReadOnlyList<ChatRoomInfo> Rooms { get; }

    /// <summary>Whether the page links to <see cref="ChatRoutes.Register"/>: registration is allowed and the server has a user store.</summary>
    public bool RegistrationOpen { get; init; }

    /// <summary>
    /// Whether the login form offers the modern page (<see cref="ChatRoutes.App"/>) first rather
    /// than the classic frames: the browser chose it at its last login.
    /// </summary>
    public bool PreferModernPage { get; init; }

    /// <summary>The longest name allowed, in characters (<see cref="ChatServerLimits.MaxUserNameLength"/>), for the name box.</summary>
    public int MaxUserNameLength { get; init; } = new ChatServerLimits().MaxUserNameLength;

    /// <summary>
    /// The languages the chat speaks (<see cref="ChatServerOptions.Languages"/>), for the reader
    /// to pick one: the form posts its tag as <c>lang</c>, and <c>/?lang=</c> shows the page in it.
    /// Empty or one language: no choice is offered.
    /// </summary>
    public IReadOnlyList<ChatLanguage> Languages { get; init; } = Array.Empty<ChatLanguage>();

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}

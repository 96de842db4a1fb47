using System;
using System.Net;
using PushChat.Localization;

namespace PushChat.Filtering;

/// <summary>What an <see cref="IMessageFilter"/> decides on.</summary>
public sealed class MessageFilterContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="userName">Who posted the message.</param>
    /// <param name="role">The sender's role.</param>
    /// <param name="room">The room the message is for.</param>
    /// <param name="text">The text, as rewritten by earlier filters.</param>
    /// <param name="remoteAddress">Where the sender's request came from.</param>
    /// <param name="time">The server's clock when the message arrived.</param>
    public MessageFilterContext(string userName, ChatRole role, string room, string text, IPAddress remoteAddress, DateTimeOffset time)
    {
        UserName = userName ?? throw new ArgumentNullException(nameof(userName));
        Role = role;
        Room = room ?? throw new ArgumentNullException(nameof(room));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        RemoteAddress = remoteAddress ?? throw new ArgumentNullException(nameof(remoteAddress));
        Time = time;
    }

    /// <summary>Who posted the message.</summary>
    public string UserName { get; }

    /// <summary>The sender's role.</summary>
    public ChatRole Role { get; }

    /// <summary>The room the message is for.</summary>
    public string Room { get; }

    /// <summary>The text, as rewritten by earlier filters.</summary>
    public string Text { get; }

    /// <summary>Where the sender's request came from.</summary>
    public IPAddress RemoteAddress { get; }

    /// <summary>The server's clock when the message arrived; use it instead of the wall clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>
    /// The sender's language, as they chose it at login (English unless set). A filter's reason
    /// for a refusal is shown to the sender as it is, so a filter words it in this language:
    /// <c>context.Language.Format("my-filter.too-loud")</c> with a key the host added to its
    /// languages, or its own words per <see cref="ChatLanguage.Tag"/>.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}

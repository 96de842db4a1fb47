using System.Net;

namespace PushChat.Internal.Chat.Changes;

/// <summary>A user logged in; the session exists but is not in a room until its stream opens.</summary>
internal sealed record SessionStarted(string SessionId, string UserName, ChatRole Role, string Color, IPAddress RemoteAddress, string Room) : ChatChange;

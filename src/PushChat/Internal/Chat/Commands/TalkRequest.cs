namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// What the talk form sent: the typed text, and the pickers: a user to address (empty for
/// everyone), whether the line is private, a canned action and a colour (each empty when unused).
/// </summary>
internal sealed record TalkRequest(string Text, string To, bool Private, string Action, string Color);

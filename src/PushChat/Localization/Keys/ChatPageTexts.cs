namespace PushChat.Localization.Keys;

/// <summary>The keys of the frameset's, chat frame's and talk frame's words (Texts/*/pages.json).</summary>
internal static class ChatPageTexts
{
    public const string ChatFrame = "page.frames.chat";
    public const string TalkFrame = "page.frames.talk";
    public const string NamesFrame = "page.frames.names";
    public const string MessagesIn = "page.chat.messages-in";
    public const string InRoom = "page.talk.in-room";
    public const string Say = "page.talk.say";
    public const string To = "page.talk.to";
    public const string Everyone = "page.talk.everyone";
    public const string Private = "page.talk.private";
    public const string Action = "page.talk.action";
    public const string NoAction = "page.talk.no-action";
    public const string Colour = "page.talk.colour";
    public const string SetColour = "page.talk.set-colour";
    public const string Leave = "page.talk.leave";
    public const string CommandHint = "page.talk.command-hint";
    public const string DeleteLinesLink = "page.talk.delete-lines";
    public const string ChangePasswordLink = "page.talk.change-password";
    public const string ModerateUsersLink = "page.talk.moderate-users";
}

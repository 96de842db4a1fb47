namespace PushChat.Localization.Keys;

/// <summary>The keys of the moderator's pages' words: the room's lines and its users (Texts/*/pages.json).</summary>
internal static class ModerationPageTexts
{
    public const string LinesIn = "page.lines.heading";
    public const string Delete = "page.lines.delete";
    public const string NoLines = "page.lines.none";
    public const string DeletedLinesVanish = "page.lines.hint";
    public const string ShowLatestLines = "page.lines.show-latest";
    public const string Moderate = "page.moderation.heading";
    public const string UsersIn = "page.moderation.users-in";
    public const string NobodyElse = "page.moderation.nobody-else";
    public const string WhatToDo = "page.moderation.what-to-do";
    public const string HowLong = "page.moderation.how-long";
    public const string Reason = "page.moderation.reason";
    public const string Why = "page.moderation.why";
    public const string Apply = "page.moderation.apply";
    public const string Hint = "page.moderation.hint";
    public const string ShowWhoIsHere = "page.moderation.show-who";
    public const string PickUserAndAct = "page.moderation.pick-user-and-act";
    public const string OnlyModerators = "page.moderation.only-moderators";
    public const string Kick = "page.moderation.act.kick";
    public const string Mute = "page.moderation.act.mute";
    public const string Unmute = "page.moderation.act.unmute";
    public const string Op = "page.moderation.act.op";
    public const string Deop = "page.moderation.act.deop";
    public const string Ban = "page.moderation.act.ban";
    public const string BanAddress = "page.moderation.act.banip";
    public const string Unban = "page.moderation.act.unban";
}

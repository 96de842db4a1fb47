namespace PushChat.Localization.Keys;

/// <summary>The keys of the names frame's words (Texts/*/names.json).</summary>
internal static class NamesFrameTexts
{
    public const string Online = "names.online";
    public const string Idle = "names.idle";
    public const string Admin = "names.admin";
    public const string Guest = "names.guest";
    public const string More = "names.more";
    public const string Whisper = "names.whisper";
    public const string WhisperToName = "names.whisper-to-name";
    public const string Ignore = "names.ignore";
    public const string IgnoreName = "names.ignore-name";
    public const string Unignore = "names.unignore";
    public const string UnignoreName = "names.unignore-name";
    public const string Rooms = "names.rooms";
    public const string JoinOrOpen = "names.join-or-open";
    public const string Join = "names.join";
    public const string MarkGuest = "names.mark-guest";
    public const string MarkAdmin = "names.mark-admin";
    public const string MarkMember = "names.mark-member";
}

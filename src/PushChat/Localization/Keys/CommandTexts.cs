namespace PushChat.Localization.Keys;

/// <summary>
/// The keys of what the chat's commands say to the one who typed them (Texts/*/commands.json):
/// /help, /who, /rooms and the other answers, each command's usage, and its refusals.
/// </summary>
internal static class CommandTexts
{
    public const string SessionEnded = "command.session-ended";
    public const string Refused = "command.refused";
    public const string Unknown = "command.unknown";
    public const string NoLongerOnline = "command.no-longer-online";

    // Answers.
    public const string ColourSet = "command.colour-set";
    public const string Colours = "command.colours";
    public const string Ignoring = "command.ignoring";
    public const string Unignored = "command.unignored";
    public const string Who = "command.who";
    public const string WhoAndMore = "command.who-and-more";
    public const string NameSeparator = "command.name-separator";
    public const string Rooms = "command.rooms";
    public const string Room = "command.room";
    public const string RoomWithTopic = "command.room-with-topic";
    public const string Help = "command.help";
    public const string HelpTopicAndDelete = "command.help-topic-and-delete";
    public const string HelpTopic = "command.help-topic";
    public const string HelpDelete = "command.help-delete";

    // Usage and refusals of the talking commands.
    public const string JoinUsage = "command.join-usage";
    public const string MsgUsage = "command.msg-usage";
    public const string NobodyOnline = "command.nobody-online";
    public const string WhisperToSelf = "command.whisper-to-self";
    public const string MeUsage = "command.me-usage";
    public const string PickAnAction = "command.pick-an-action";

    // Moderation.
    public const string PickUserAndAct = "command.pick-user-and-act";
    public const string DurationUsage = "command.duration-usage";
    public const string LongestDuration = "command.longest-duration";
    public const string ReasonTooLong = "command.reason-too-long";
    public const string ReasonControl = "command.reason-control";
    public const string KickUsage = "command.kick-usage";
    public const string BanUsage = "command.ban-usage";
    public const string BanAddressUsage = "command.ban-address-usage";
    public const string UnbanUsage = "command.unban-usage";
    public const string MuteUsage = "command.mute-usage";
    public const string UnmuteUsage = "command.unmute-usage";
    public const string LookUpAddressUsage = "command.look-up-address-usage";
    public const string OpUsage = "command.op-usage";
    public const string DeopUsage = "command.deop-usage";

    /// <summary>A canned action with the speaker's own words after it.</summary>
    public const string ActionWithText = "command.action-with-text";
}

namespace PushChat.Localization.Keys;

/// <summary>
/// The keys of the chat services' refusals (Texts/*/services.json): logins and lock-outs,
/// accounts and passwords, rate limits and budgets, hooks that did not answer, lines, rooms and
/// a session's own settings, and the policy table's words for who may do what.
/// </summary>
internal static class ServiceTexts
{
    // Durations, as arguments of other texts.
    public const string Days = "duration.days";
    public const string Hours = "duration.hours";
    public const string Minutes = "duration.minutes";
    public const string Seconds = "duration.seconds";

    // What each act of the policy table does, as an argument of refusals.
    public const string ActKick = "policy.act.kick";
    public const string ActMute = "policy.act.mute";
    public const string ActUnmute = "policy.act.unmute";
    public const string ActBan = "policy.act.ban";
    public const string ActBanAddress = "policy.act.ban-address";
    public const string ActUnban = "policy.act.unban";
    public const string ActLookUpAddress = "policy.act.look-up-address";
    public const string ActOp = "policy.act.op";
    public const string ActDeop = "policy.act.deop";
    public const string ActCloseRoom = "policy.act.close-room";
    public const string ActTopic = "policy.act.topic";
    public const string ActDeleteLine = "policy.act.delete-line";
    public const string ActMoveUser = "policy.act.move-user";
    public const string ActSetRole = "policy.act.set-role";
    public const string ActJoin = "policy.act.join";
    public const string ActCreateRoom = "policy.act.create-room";
    public const string ActColor = "policy.act.color";
    public const string ActIgnore = "policy.act.ignore";
    public const string ActQuery = "policy.act.query";

    // The policy's refusals and its part of /help.
    public const string OnlyOwnerOrAdmin = "policy.only-owner-or-admin";
    public const string OnlyAdmin = "policy.only-admin";
    public const string OnlyHost = "policy.only-host";
    public const string BudgetSpent = "policy.budget-spent";
    public const string BudgetSpentByNetwork = "policy.budget-spent-by-network";

    // A node of a scaled-out chat that cannot reach its backplane.
    public const string BackplaneUnavailable = "service.backplane-unavailable";
    public const string HelpModeration = "policy.help-moderation";
    public const string HelpModerationInRoom = "policy.help-moderation-in-room";
    public const string HelpCloseRoom = "policy.help-close-room";
    public const string HelpKick = "policy.help-kick";
    public const string HelpMute = "policy.help-mute";
    public const string HelpUnmute = "policy.help-unmute";
    public const string HelpBan = "policy.help-ban";
    public const string HelpBanAddress = "policy.help-ban-address";
    public const string HelpUnban = "policy.help-unban";
    public const string HelpLookUpAddress = "policy.help-look-up-address";
    public const string HelpOp = "policy.help-op";
    public const string HelpDeop = "policy.help-deop";

    // Hooks that did not answer, and what the user was doing then.
    public const string ShuttingDown = "service.shutting-down";
    public const string HookTookTooLong = "service.hook-took-too-long";
    public const string HookUnavailable = "service.hook-unavailable";
    public const string LoginUnavailable = "service.login-unavailable";
    public const string MessageUnchecked = "service.message-unchecked";
    public const string DoingLogin = "service.doing.login";
    public const string DoingRegister = "service.doing.register";
    public const string DoingPasswordChange = "service.doing.password-change";
    public const string DoingMessageCheck = "service.doing.message-check";

    // Logins.
    public const string TooManyLogins = "service.too-many-logins";
    public const string NameReserved = "service.name-reserved";
    public const string CannotCheckAccount = "service.cannot-check-account";
    public const string LoginRefused = "service.login-refused";
    public const string LockedOut = "service.locked-out";

    // Accounts and passwords.
    public const string CannotRegister = "service.cannot-register";
    public const string RegistrationClosed = "service.registration-closed";
    public const string TooManyRegistrationsFromNetwork = "service.too-many-registrations-from-network";
    public const string TooManyRegistrations = "service.too-many-registrations";
    public const string OnlyRegisteredHavePasswords = "service.only-registered-have-passwords";
    public const string AccountGone = "service.account-gone";
    public const string PasswordWrong = "service.password-wrong";
    public const string PasswordChangedMeanwhile = "service.password-changed-meanwhile";
    public const string PasswordTooShort = "service.password-too-short";
    public const string PasswordTooLong = "service.password-too-long";
    public const string PasswordsDiffer = "service.passwords-differ";

    // Lines.
    public const string TypeAMessage = "service.type-a-message";
    public const string MessageTooLong = "service.message-too-long";
    public const string WindowNotOpen = "service.window-not-open";
    public const string TooManyMessagesFromNetwork = "service.too-many-messages-from-network";
    public const string MessageNotAccepted = "service.message-not-accepted";
    public const string SessionEnded = "service.session-ended";
    public const string PostingTooFast = "service.posting-too-fast";

    // Rooms.
    public const string NoSuchRoomServerOpens = "service.no-such-room-server-opens";
    public const string RoomClosed = "service.room-closed";
    public const string RoomClosedAgain = "service.room-closed-again";
    public const string TopicTooLong = "service.topic-too-long";

    // A session's own settings.
    public const string PickAColour = "service.pick-a-colour";
    public const string IgnoreWhom = "service.ignore-whom";
    public const string UnignoreWhom = "service.unignore-whom";
    public const string CannotIgnoreSelf = "service.cannot-ignore-self";
    public const string NotIgnoring = "service.not-ignoring";

    public const string PasswordChangedElsewhere = "service.password-changed-elsewhere";
    public const string WhoOwnerOrAdmin = "policy.who-owner-or-admin";
    public const string WhoAdmin = "policy.who-admin";
    public const string WhoHost = "policy.who-host";
    public const string HolderOwner = "policy.holder-owner";
    public const string HolderUser = "policy.holder-user";
    public const string WrongCredentials = "service.wrong-credentials";
    public const string NoSuchAccount = "service.no-such-account";
    public const string ShuttingDownGoodbye = "service.shutting-down-goodbye";
}

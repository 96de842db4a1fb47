using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// Reads the moderation commands (/kick, /ban, /banip, /unban, /mute, /unmute, /ip, /op, /deop,
/// /close) into changes. Who may do what is decided where the change is applied, with the
/// actor's role as it is then; this only reads names, durations and reasons.
/// </summary>
internal sealed class ModerationCommands
{
    // What tells an address from a name: "123" parses as an address too.
    private static readonly char[] AddressMarks = { '.', ':' };

    private readonly ChatEngine _engine;

    public ModerationCommands(ChatEngine engine) => _engine = engine;

    /// <summary>The moderation commands the session may use, for /help, from the policy table; empty for those who may use none.</summary>
    public string Help(ChatSession session) => Policy.ChatPolicy.Help(session, _engine.Options.Limits);

    /// <summary>Whether the session may open the moderation page of its room: it may kick there, by the policy table (the acts check again).</summary>
    public static bool MayModerate(ChatSession session) => Policy.ChatPolicy.MayInOwnRoom(session, Policy.ChatAct.Kick);

    /// <summary>
    /// A moderation act on the user of that name, as the moderation page's form asks it: a
    /// duration (empty for the act's default) for bans and mutes, and a reason. The same act as
    /// the talk box's command, so the same checks apply.
    /// </summary>
    public async ValueTask<CommandOutcome<string>> ActAsync(string sessionId, TalkVerb verb, string name, string duration, string reason, CancellationToken cancellationToken = default)
    {
        if (ReadAct(sessionId, verb, name, duration, reason, out var session, out var argument) is { } refused)
        {
            return refused;
        }

        return CommandOutcome<string>.From(await RunAsync(session!, verb, argument, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The same, blocking until the act is applied; the in-process tests drive the commands with it.</summary>
    public CommandOutcome<string> Act(string sessionId, TalkVerb verb, string name, string duration, string reason) =>
        ReadAct(sessionId, verb, name, duration, reason, out var session, out var argument) ?? CommandOutcome<string>.From(Run(session!, verb, argument));

    /// <summary>A moderation command typed in the talk box, with its argument as typed.</summary>
    public async ValueTask<ChatOutcome<string>> RunAsync(ChatSession session, TalkVerb verb, string argument, CancellationToken cancellationToken = default) =>
        Read(session, verb, argument, out var change) ?? Outcome(await _engine.ModerateAsync(change!, cancellationToken).ConfigureAwait(false));

    /// <summary>The same, blocking until the change is applied.</summary>
    public ChatOutcome<string> Run(ChatSession session, TalkVerb verb, string argument) =>
        Read(session, verb, argument, out var change) ?? Outcome(_engine.Moderate(change!));

    /// <summary>
    /// Reads a moderation command into its change: the refusal when it cannot be right, otherwise
    /// null with the change to submit.
    /// </summary>
    private ChatOutcome<string>? Read(ChatSession session, TalkVerb verb, string argument, out ChatChange? change)
    {
        change = null;
        if (verb == TalkVerb.Close)
        {
            change = new RoomClosedByUser(session.Id);
            return null;
        }

        var trimmed = argument.Trim();
        // An IPv6 ban holds a prefix and is named "2001:db8:0:1::/64"; any address in it lifts it.
        var typedAddress = trimmed.IndexOf('/') is var slash and > 0 ? trimmed.Substring(0, slash) : trimmed;
        if (verb == TalkVerb.Unban && trimmed.IndexOfAny(AddressMarks) >= 0 && IPAddress.TryParse(typedAddress, out var address))
        {
            change = new BanLifted(session.Id, trimmed, address);
            return null;
        }

        var (typed, rest) = TalkCommandParser.SplitName(trimmed, n => _engine.Sessions.FindOnline(n) is not null);
        var name = UserNameRules.Normalize(typed);
        if (name.Length == 0)
        {
            return ChatOutcome<string>.Refused(400, Usage(verb));
        }

        TimeSpan? duration = null;
        if (verb is TalkVerb.Ban or TalkVerb.BanAddress or TalkVerb.Mute)
        {
            var space = rest.IndexOf(' ');
            duration = ModerationDuration.Parse(space < 0 ? rest : rest.Substring(0, space));
            if (duration is not null)
            {
                rest = space < 0 ? string.Empty : rest.Substring(space + 1).Trim();
            }

            if (duration > Policy.ChatPolicy.LongestOnServer)
            {
                return ChatOutcome<string>.Refused(400, LocalText.Of(CommandTexts.LongestDuration, ("duration", Policy.ChatPolicy.DurationText(Policy.ChatPolicy.LongestOnServer))));
            }
        }

        if (rest.Length > _engine.Options.Limits.MaxMessageLength)
        {
            return ChatOutcome<string>.Refused(413, LocalText.Of(CommandTexts.ReasonTooLong, ("count", _engine.Options.Limits.MaxMessageLength)));
        }

        // A reason is shown in notices and written to the audit log: a line break there would forge a log line.
        if (LogText.Escape(rest) != rest)
        {
            return ChatOutcome<string>.Refused(400, LocalText.Of(CommandTexts.ReasonControl));
        }

        var reason = rest.Length == 0 ? null : rest;
        change = verb switch
        {
            TalkVerb.Kick => new UserKicked(session.Id, name, reason),
            TalkVerb.Ban => new UserBanned(session.Id, name, ByAddress: false, null, duration ?? ModerationDuration.DefaultBan, reason),
            TalkVerb.BanAddress => new UserBanned(session.Id, name, ByAddress: true, null, duration ?? ModerationDuration.DefaultBan, reason),
            TalkVerb.Unban => new BanLifted(session.Id, name, null),
            TalkVerb.Mute => new UserMuted(session.Id, name, duration ?? ModerationDuration.DefaultMute, reason),
            TalkVerb.Unmute => new MuteLifted(session.Id, name),
            TalkVerb.LookUpAddress => new AddressLookedUp(session.Id, name),
            TalkVerb.Op => new OwnerChanged(session.Id, name, Owner: true),
            TalkVerb.Deop => new OwnerChanged(session.Id, name, Owner: false),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Not a moderation command."),
        };
        _engine.Sessions.Touch(session);
        return null;
    }

    /// <summary>Reads the moderation page's form: the refusal, or null with the session and the argument as the talk box would type it.</summary>
    private CommandOutcome<string>? ReadAct(string sessionId, TalkVerb verb, string name, string duration, string reason, out ChatSession? session, out string argument)
    {
        argument = string.Empty;
        if ((session = _engine.Sessions.Find(sessionId)) is null)
        {
            return CommandOutcome<string>.SessionEnded();
        }

        name = name.Trim();
        if (verb is not (TalkVerb.Kick or TalkVerb.Mute or TalkVerb.Unmute or TalkVerb.Ban or TalkVerb.BanAddress or TalkVerb.Unban or TalkVerb.Op or TalkVerb.Deop) || name.Length == 0)
        {
            return CommandOutcome<string>.Refused(400, LocalText.Of(CommandTexts.PickUserAndAct));
        }

        duration = verb is TalkVerb.Ban or TalkVerb.BanAddress or TalkVerb.Mute ? duration.Trim() : string.Empty;
        if (duration.Length != 0 && ModerationDuration.Parse(duration) is null)
        {
            return CommandOutcome<string>.Refused(400, LocalText.Of(CommandTexts.DurationUsage));
        }

        // Quoted, so that a name with spaces is read whole, as /kick "two words" is.
        argument = $"\"{name.Replace("\"", string.Empty)}\" {duration} {reason.Trim()}";
        return null;
    }

    private static ChatOutcome<string> Outcome(ChangeResult result) =>
        result.IsRefused ? ChatOutcome<string>.Refused(result.StatusCode, result.Refusal!) : ChatOutcome<string>.Done(string.Empty);

    private static LocalText Usage(TalkVerb verb) => LocalText.Of(verb switch
    {
        TalkVerb.Kick => CommandTexts.KickUsage,
        TalkVerb.Ban => CommandTexts.BanUsage,
        TalkVerb.BanAddress => CommandTexts.BanAddressUsage,
        TalkVerb.Unban => CommandTexts.UnbanUsage,
        TalkVerb.Mute => CommandTexts.MuteUsage,
        TalkVerb.Unmute => CommandTexts.UnmuteUsage,
        TalkVerb.LookUpAddress => CommandTexts.LookUpAddressUsage,
        TalkVerb.Op => CommandTexts.OpUsage,
        _ => CommandTexts.DeopUsage,
    });
}

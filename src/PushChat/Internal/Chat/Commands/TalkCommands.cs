using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// The speaking commands: saying, whispering and acting, and the talk form's line, which runs
/// the pickers first, then the typed line or slash command. A refusal is a hint for the sender
/// alone; nothing is sent to anyone. Answers to commands that show something (/who, /help, …)
/// appear on the sender's own chat stream.
/// </summary>
internal sealed class TalkCommands
{
    private readonly ChatEngine _engine;
    private readonly ModerationCommands _moderation;

    public TalkCommands(ChatEngine engine)
    {
        _engine = engine;
        _moderation = new ModerationCommands(engine);
    }

    /// <summary>Kicks, bans, mutes and the like, for the moderation page as well as the talk box.</summary>
    public ModerationCommands Moderation => _moderation;

    /// <summary>
    /// What the talk form sent, as the talk form means it: the pickers, then a line or a command.
    /// Done with the text said or the answer told; a refusal is for the sender alone.
    /// </summary>
    public async Task<CommandOutcome<string>> RunAsync(string sessionId, TalkRequest request, CancellationToken stopping) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(await RunAsync(session, request, stopping).ConfigureAwait(false))
            : CommandOutcome<string>.SessionEnded();

    /// <summary>Says a line to the session's room, as typed: no commands, no pickers.</summary>
    public async Task<CommandOutcome<ChatMessage>> SayAsync(string sessionId, string text, CancellationToken stopping) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatMessage>.From(await _engine.Lines.SpeakAsync(session, ChatMessageKind.Public, text, null, isPrivate: false, stopping).ConfigureAwait(false))
            : CommandOutcome<ChatMessage>.SessionEnded();

    /// <summary>Whispers to the online user of that name, wherever they are; both ends see it.</summary>
    public async Task<CommandOutcome<ChatMessage>> WhisperAsync(string sessionId, string toName, string text, CancellationToken stopping) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatMessage>.From(await WhisperAsync(session, toName.Trim(), text.Trim(), stopping).ConfigureAwait(false))
            : CommandOutcome<ChatMessage>.SessionEnded();

    /// <summary>An action in the session's room ("/me waves" shows as "* ann waves").</summary>
    public async Task<CommandOutcome<ChatMessage>> ActAsync(string sessionId, string text, CancellationToken stopping) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatMessage>.From(await ActAsync(session, text.Trim(), stopping).ConfigureAwait(false))
            : CommandOutcome<ChatMessage>.SessionEnded();

    private async Task<ChatOutcome<string>> RunAsync(ChatSession session, TalkRequest request, CancellationToken stopping)
    {
        if (request.Color.Length != 0)
        {
            var color = await _engine.Sessions.SetColorAsync(session, request.Color, stopping).ConfigureAwait(false);
            if (color.Value is null || (request.Text.Trim().Length == 0 && request.Action.Length == 0))
            {
                return color;
            }
        }

        ChatSession? target = null;
        if (request.To.Length != 0 && (target = _engine.Sessions.FindOnline(request.To)) is null)
        {
            return ChatOutcome<string>.Refused(404, LocalText.Of(CommandTexts.NoLongerOnline, ("name", request.To)));
        }

        if (request.Action.Length != 0)
        {
            return await CannedActionAsync(session, request.Action, target, request.Text.Trim(), stopping).ConfigureAwait(false);
        }

        var command = TalkCommandParser.Parse(request.Text, out var hint);
        if (command is null)
        {
            return ChatOutcome<string>.Refused(400, hint!);
        }

        return command.Verb == TalkVerb.Say
            ? Said(await _engine.Lines.SpeakAsync(session, ChatMessageKind.Public, command.Argument, target, request.Private, stopping).ConfigureAwait(false))
            : await RunAsync(session, command, stopping).ConfigureAwait(false);
    }

    private async Task<ChatOutcome<string>> RunAsync(ChatSession session, TalkCommand command, CancellationToken stopping)
    {
        var argument = command.Argument;
        switch (command.Verb)
        {
            case TalkVerb.Whisper:
                var (name, text) = TalkCommandParser.SplitName(argument, n => _engine.Sessions.FindOnline(n) is not null);
                return Said(await WhisperAsync(session, name, text, stopping).ConfigureAwait(false));
            case TalkVerb.Action:
                return Said(await ActAsync(session, argument, stopping).ConfigureAwait(false));
            case TalkVerb.Color:
                return argument.Length == 0
                    ? await ToldAsync(session, ColorsHelp(session), stopping).ConfigureAwait(false)
                    : await DoneAsync(await _engine.Sessions.SetColorAsync(session, argument, stopping).ConfigureAwait(false), color => LocalText.Of(CommandTexts.ColourSet, ("color", color)), session, stopping).ConfigureAwait(false);
            case TalkVerb.Ignore:
                return await DoneAsync(await _engine.Sessions.SetIgnoredAsync(session, argument, ignore: true, stopping).ConfigureAwait(false), n => LocalText.Of(CommandTexts.Ignoring, ("name", n)), session, stopping).ConfigureAwait(false);
            case TalkVerb.Unignore:
                return await DoneAsync(await _engine.Sessions.SetIgnoredAsync(session, argument, ignore: false, stopping).ConfigureAwait(false), n => LocalText.Of(CommandTexts.Unignored, ("name", n)), session, stopping).ConfigureAwait(false);
            case TalkVerb.Join:
                if (argument.Length == 0)
                {
                    return ChatOutcome<string>.Refused(400, LocalText.Of(CommandTexts.JoinUsage));
                }

                var joined = await _engine.Rooms.JoinAsync(session, argument, stopping).ConfigureAwait(false);
                return joined.Value is { } room ? ChatOutcome<string>.Done(room.Name) : ChatOutcome<string>.Refused(joined.StatusCode, joined.Error!);
            case TalkVerb.Rooms:
                return await QueryAsync(session, () => Rooms(session), stopping).ConfigureAwait(false);
            case TalkVerb.Topic:
                var topic = await _engine.Rooms.SetTopicAsync(session, argument, stopping).ConfigureAwait(false);
                return topic.Value is { } notice ? ChatOutcome<string>.Done(notice.Text) : ChatOutcome<string>.Refused(topic.StatusCode, topic.Error!);
            case TalkVerb.Who:
                return await QueryAsync(session, () => Who(session), stopping).ConfigureAwait(false);
            case TalkVerb.Help:
                return await QueryAsync(session, () => Help(session), stopping).ConfigureAwait(false);
            case TalkVerb.Kick or TalkVerb.Ban or TalkVerb.BanAddress or TalkVerb.Unban or TalkVerb.Mute or TalkVerb.Unmute or TalkVerb.LookUpAddress or TalkVerb.Op or TalkVerb.Deop or TalkVerb.Close:
                return await _moderation.RunAsync(session, command.Verb, argument, stopping).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Verb, "Not a command.");
        }
    }

    private Task<ChatOutcome<ChatMessage>> WhisperAsync(ChatSession session, string name, string text, CancellationToken stopping)
    {
        if (name.Length == 0 || text.Length == 0)
        {
            return Task.FromResult(ChatOutcome<ChatMessage>.Refused(400, LocalText.Of(CommandTexts.MsgUsage)));
        }

        if (_engine.Sessions.FindOnline(name) is not { } target)
        {
            return Task.FromResult(ChatOutcome<ChatMessage>.Refused(404, LocalText.Of(CommandTexts.NobodyOnline, ("name", name))));
        }

        return target == session
            ? Task.FromResult(ChatOutcome<ChatMessage>.Refused(400, LocalText.Of(CommandTexts.WhisperToSelf)))
            : _engine.Lines.SpeakAsync(session, ChatMessageKind.Whisper, text, target, isPrivate: true, stopping);
    }

    private Task<ChatOutcome<ChatMessage>> ActAsync(ChatSession session, string text, CancellationToken stopping) =>
        text.Length == 0
            ? Task.FromResult(ChatOutcome<ChatMessage>.Refused(400, LocalText.Of(CommandTexts.MeUsage)))
            : _engine.Lines.SpeakAsync(session, ChatMessageKind.Action, text, null, isPrivate: false, stopping);

    private async Task<ChatOutcome<string>> CannedActionAsync(ChatSession session, string action, ChatSession? target, string text, CancellationToken stopping)
    {
        if (CannedActions.Words(action, target?.UserName, session.Language) is not { } words)
        {
            return ChatOutcome<string>.Refused(400, LocalText.Of(CommandTexts.PickAnAction));
        }

        var line = text.Length == 0 ? words : session.Language.Format(CommandTexts.ActionWithText, ("action", words), ("text", text));
        return Said(await _engine.Lines.SpeakAsync(session, ChatMessageKind.Action, line, target, isPrivate: false, stopping).ConfigureAwait(false));
    }

    private static ChatOutcome<string> Said(ChatOutcome<ChatMessage> outcome) =>
        outcome.Value is null ? ChatOutcome<string>.Refused(outcome.StatusCode, outcome.Error!) : ChatOutcome<string>.Done(outcome.Value.Text);

    private async ValueTask<ChatOutcome<string>> DoneAsync(ChatOutcome<string> outcome, Func<string, LocalText> confirmation, ChatSession session, CancellationToken stopping) =>
        outcome.Value is { } value ? await ToldAsync(session, confirmation(value).In(session.Language), stopping).ConfigureAwait(false) : outcome;

    /// <summary>Answers a query on the session's stream, if its budget allows; the answer is built only then.</summary>
    private async ValueTask<ChatOutcome<string>> QueryAsync(ChatSession session, Func<string> answer, CancellationToken stopping) =>
        _engine.Sessions.TakeQueryBudget(session) is { } spent ? ChatOutcome<string>.Refused(spent.StatusCode, spent.Refusal!) : await ToldAsync(session, answer(), stopping).ConfigureAwait(false);

    private async ValueTask<ChatOutcome<string>> ToldAsync(ChatSession session, string text, CancellationToken stopping)
    {
        await _engine.ServerLines.TellAsync(session, LocalText.Plain(text), stopping).ConfigureAwait(false);
        return ChatOutcome<string>.Done(text);
    }

    // The answers below are for the session alone, so they are worded in its language right away.
    private string Who(ChatSession session)
    {
        const int Shown = 50;
        var language = session.Language;
        var here = _engine.Online.Users().Where(u => u.Room == session.Room.Name).Select(u => u.Name).ToArray();
        var names = string.Join(language.Format(CommandTexts.NameSeparator), here.Take(Shown));
        return here.Length > Shown
            ? language.Format(CommandTexts.WhoAndMore, ("room", session.Room.Name), ("count", here.Length), ("names", names), ("more", here.Length - Shown))
            : language.Format(CommandTexts.Who, ("room", session.Room.Name), ("count", here.Length), ("names", names));
    }

    private string Rooms(ChatSession session)
    {
        var language = session.Language;
        var rooms = _engine.Rooms.List().Select(r => string.IsNullOrEmpty(r.Topic)
            ? language.Format(CommandTexts.Room, ("name", r.Name), ("count", r.Occupants))
            : language.Format(CommandTexts.RoomWithTopic, ("name", r.Name), ("count", r.Occupants), ("topic", r.Topic)));
        return language.Format(CommandTexts.Rooms, ("rooms", string.Join(" · ", rooms)));
    }

    private static string ColorsHelp(ChatSession session) =>
        session.Language.Format(CommandTexts.Colours, ("color", session.Color), ("colors", ColorPalette.Names));

    private string Help(ChatSession session)
    {
        var language = session.Language;
        var topic = Policy.ChatPolicy.MayInOwnRoom(session, Policy.ChatAct.Topic);
        var delete = Policy.ChatPolicy.MayInOwnRoom(session, Policy.ChatAct.DeleteLine);
        var extra = (topic, delete) switch
        {
            (true, true) => language.Format(CommandTexts.HelpTopicAndDelete, ("room", session.Room.Name)),
            (true, false) => language.Format(CommandTexts.HelpTopic, ("room", session.Room.Name)),
            (false, true) => language.Format(CommandTexts.HelpDelete, ("room", session.Room.Name)),
            _ => string.Empty,
        };
        return language.Format(CommandTexts.Help, ("extra", extra), ("moderation", _moderation.Help(session)));
    }
}

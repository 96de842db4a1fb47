using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Filtering;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Says users' lines: a line passes the length limit, its client address's line budget and every
/// message filter of the host before it is posted, so what reaches a room is what the host approved
/// for that room. Kept apart from <see cref="ChatEngine"/> because the filters are the one hook a
/// line waits on, and their loop is the most of what speaking is.
/// </summary>
internal sealed class LinePoster
{
    private readonly ChatServerLimits _limits;
    private readonly IReadOnlyList<IMessageFilter> _filters;
    private readonly IChatChangeBus _bus;
    private readonly ChatState _state;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceGuards _guards;

    public LinePoster(ChatServerOptions options, ChatState state, IChatChangeBus bus, TimeProvider time, ILogger logger, ServiceGuards guards)
    {
        _state = state;
        _limits = options.Limits;
        _filters = options.MessageFilters.ToArray();
        _bus = bus;
        _time = time;
        _logger = logger;
        _guards = guards;
    }

    /// <summary>
    /// Says a line as the session's user: to the room, to the room naming <paramref name="target"/>,
    /// or, when <paramref name="isPrivate"/>, to the target alone (a whisper, shown to both ends).
    /// The text goes through the length limit and every message filter first.
    /// </summary>
    public async Task<ChatOutcome<ChatMessage>> SpeakAsync(ChatSession session, ChatMessageKind kind, string typed, ChatSession? target, bool isPrivate, CancellationToken stopping)
    {
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return ChatOutcome<ChatMessage>.Refused(422, LocalText.Of(ServiceTexts.TypeAMessage));
        }

        if (text.Length > _limits.MaxMessageLength)
        {
            return ChatOutcome<ChatMessage>.Refused(413, LocalText.Of(ServiceTexts.MessageTooLong, ("count", _limits.MaxMessageLength)));
        }

        if (session.JoinedAt is null)
        {
            return ChatOutcome<ChatMessage>.Refused(409, LocalText.Of(ServiceTexts.WindowNotOpen));
        }

        // The flood filter counts per user; this counts what one client says through all its sessions.
        if (session.Role != ChatRole.Admin && !await _guards.Budgets.TakeAddressAsync(nameof(ChatServerLimits.MaxLinesPerAddress), _limits.MaxLinesPerAddress, session.RemoteAddress, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<ChatMessage>.Refused(429, LocalText.Of(ServiceTexts.TooManyMessagesFromNetwork));
        }

        // The filters approve the line for this room; if the sender moves while they run, the
        // line is refused rather than said in a room they did not approve it for.
        var room = session.Room.Name;
        _state.Touch(session);
        foreach (var filter in _filters)
        {
            var context = new MessageFilterContext(session.UserName, session.Role, room, text, session.RemoteAddress, _time.GetUtcNow()) { Language = session.Language };
            var decision = await _guards.Hooks.RunAsync(token => filter.FilterAsync(context, token), stopping).ConfigureAwait(false);
            if (decision.End != HookEnd.Completed)
            {
                return ChatOutcome<ChatMessage>.Refused(503, _guards.Refusals.For(decision.End, decision.Error, ServiceTexts.DoingMessageCheck, filter));
            }

            var verdict = decision.Value!;
            if (!verdict.IsAllowed)
            {
                return ChatOutcome<ChatMessage>.Refused(verdict.StatusCode, verdict.RejectionReason is { } reason ? LocalText.Plain(reason) : LocalText.Of(ServiceTexts.MessageNotAccepted));
            }

            text = verdict.Text ?? text;
        }

        var line = isPrivate && target is not null
            ? new LinePosted(room, ChatMessageKind.Whisper, session.UserName, session.Color, text, LineAudience.Sessions(session.Id, target.Id), session.Id, target.UserName, target.Id)
            : new LinePosted(room, kind, session.UserName, session.Color, text, LineAudience.Room, session.Id, target?.UserName);
        var posted = await _bus.SubmitAsync(line, stopping).ConfigureAwait(false);
        if (posted.Line is not { } message)
        {
            return ChatOutcome<ChatMessage>.Refused(posted.IsRefused ? posted.StatusCode : 404, posted.Refusal ?? LocalText.Of(ServiceTexts.SessionEnded));
        }

        Log.MessagePosted(_logger, session.UserName, message.Room, text.Length);
        return ChatOutcome<ChatMessage>.Done(message);
    }
}

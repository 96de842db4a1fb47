using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// A session's own settings and its end: finding it, signs of life, its colour and ignore list,
/// leaving and expiring, and the budget its queries draw on. What a user changes about
/// themselves, kept apart from what they change in a room (<see cref="RoomDesk"/>).
/// </summary>
internal sealed class SessionDesk
{
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;
    private readonly TimeProvider _time;

    public SessionDesk(ChatState state, IChatChangeBus bus, TimeProvider time)
    {
        _state = state;
        _bus = bus;
        _time = time;
    }

    public ChatSession? Find(string? sessionId) =>
        string.IsNullOrEmpty(sessionId) ? null : _state.Sessions.Find(sessionId!);

    /// <summary>The online user of that name (any case), or null.</summary>
    public ChatSession? FindOnline(string userName) =>
        _state.Sessions.FindByName(UserNameRules.Normalize(userName)) is { Ended: false, JoinedAt: not null } session ? session : null;

    /// <summary>Records a sign of life (names refresh, talk frame, a line).</summary>
    public void Touch(ChatSession session) => _state.Touch(session);

    /// <summary>Sets the session's colour, a palette name or #rrggbb; done with the colour.</summary>
    public async ValueTask<ChatOutcome<string>> SetColorAsync(ChatSession session, string requested, CancellationToken cancellationToken = default)
    {
        if (ColorChange(session, requested, out var change) is { } answer)
        {
            return answer;
        }

        return ColorOutcome(await _bus.SubmitAsync(change!, cancellationToken).ConfigureAwait(false), change!);
    }

    /// <summary>The same, blocking until the change is applied; the in-process tests drive the desk with it.</summary>
    public ChatOutcome<string> SetColor(ChatSession session, string requested) =>
        ColorChange(session, requested, out var change) ?? ColorOutcome(_bus.Submit(change!), change!);

    /// <summary>Starts or stops ignoring a user's lines, whispers and actions; the ignored user is not told.</summary>
    public async ValueTask<ChatOutcome<string>> SetIgnoredAsync(ChatSession session, string typedName, bool ignore, CancellationToken cancellationToken = default)
    {
        var name = UserNameRules.Normalize(typedName);
        if (name.Length == 0)
        {
            return ChatOutcome<string>.Refused(400, LocalText.Of(ignore ? ServiceTexts.IgnoreWhom : ServiceTexts.UnignoreWhom));
        }

        if (string.Equals(name, session.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return ChatOutcome<string>.Refused(400, LocalText.Of(ServiceTexts.CannotIgnoreSelf));
        }

        var known = session.Ignored.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (!ignore && known is null)
        {
            return ChatOutcome<string>.Refused(404, LocalText.Of(ServiceTexts.NotIgnoring, ("name", name)));
        }

        var canonical = known ?? FindOnline(name)?.UserName ?? name;
        var changed = await _bus.SubmitAsync(new IgnoreChanged(session.Id, canonical, ignore), cancellationToken).ConfigureAwait(false);
        return changed.IsRefused ? ChatOutcome<string>.Refused(changed.StatusCode, changed.Refusal!) : ChatOutcome<string>.Done(canonical);
    }

    /// <summary>Counts a query (/who, /rooms, /help) against the session's budget; the refusal when it is spent, otherwise null.</summary>
    public ChangeResult? TakeQueryBudget(ChatSession session) => _state.TakeBudget(session, Policy.ChatAct.Query);

    /// <summary>Ends the session, telling its room.</summary>
    public async ValueTask LeaveAsync(ChatSession session, ChatLeaveReason reason, CancellationToken cancellationToken = default) =>
        await _bus.SubmitAsync(new SessionEnded(session.Id, reason, Announce: true), cancellationToken).ConfigureAwait(false);

    /// <summary>The same, blocking until the session has ended; the in-process tests drive the desk with it.</summary>
    public void Leave(ChatSession session, ChatLeaveReason reason) => _bus.Submit(new SessionEnded(session.Id, reason, Announce: true));

    /// <summary>
    /// Ends a session the sweeper found due, unless it showed a sign of life since <paramref name="lastSeen"/>;
    /// blocking, as the sweeper's once-a-second pass is.
    /// </summary>
    public void Expire(ChatSession session, ChatLeaveReason reason, DateTimeOffset lastSeen) =>
        _bus.Submit(new SessionEnded(session.Id, reason, Announce: true, lastSeen));

    /// <summary>The refused or unchanged answer when there is nothing to submit; otherwise null, with the change to submit.</summary>
    private static ChatOutcome<string>? ColorChange(ChatSession session, string requested, out ColorChanged? change)
    {
        change = null;
        if (ColorPalette.Parse(requested) is not { } color)
        {
            return ChatOutcome<string>.Refused(400, LocalText.Of(ServiceTexts.PickAColour, ("colors", ColorPalette.Names)));
        }

        if (string.Equals(color, session.Color, StringComparison.OrdinalIgnoreCase))
        {
            // The talk form sends its colour picker with every line; the same colour is no change.
            return ChatOutcome<string>.Done(session.Color);
        }

        change = new ColorChanged(session.Id, color);
        return null;
    }

    private static ChatOutcome<string> ColorOutcome(ChangeResult changed, ColorChanged change) =>
        changed.IsRefused ? ChatOutcome<string>.Refused(changed.StatusCode, changed.Refusal!) : ChatOutcome<string>.Done(change.Color);
}

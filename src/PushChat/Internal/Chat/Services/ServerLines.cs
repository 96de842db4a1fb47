using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Lines the server itself says or takes back: notices to a room or to one session, the host's
/// whispers, and deleting a line. None of them pass the message filters: they are the host's
/// own words, or answers the chat gives.
/// </summary>
internal sealed class ServerLines
{
    private readonly ChatServerOptions _options;
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;

    public ServerLines(ChatServerOptions options, ChatState state, IChatChangeBus bus)
    {
        _options = options;
        _state = state;
        _bus = bus;
    }

    /// <summary>Shows a notice to this session only, on its open chat stream.</summary>
    public async ValueTask TellAsync(ChatSession session, LocalText text, CancellationToken cancellationToken = default) =>
        await _bus.SubmitAsync(new NoticeSent(session.Id, text), cancellationToken).ConfigureAwait(false);

    /// <summary>A private line from the server to an online user, wherever they are; null when nobody of that name is online.</summary>
    public ChatMessage? Whisper(string userName, string text) =>
        _state.Sessions.FindByName(userName) is { Ended: false } target
            ? _bus.Submit(new LinePosted(target.Room.Name, ChatMessageKind.Whisper, null, null, text, LineAudience.Sessions(target.Id), Target: target.UserName, TargetSessionId: target.Id)).Line
            : null;

    // The notices and the whisper below are the host's synchronous calls (ChatServer) and the
    // stop's goodbye, so they block until the line is posted.
    public ChatMessage PostNotice(string text) => PostNotice(_options.DefaultRoom, text)!;

    public ChatMessage? PostNotice(string room, string text) =>
        _bus.Submit(new LinePosted(room, ChatMessageKind.System, null, null, text, LineAudience.Room)).Line;

    /// <summary>A notice of the chat's own to a room, worded in each reader's language.</summary>
    public ChatMessage? PostNotice(string room, LocalText notice) =>
        _bus.Submit(new LinePosted(room, ChatMessageKind.System, null, null, notice.In(_state.Languages.Default), LineAudience.Room) { Notice = notice }).Line;

    /// <summary>Deletes a line for a user (who must own its room or be an admin), or for the host when <paramref name="by"/> is null.</summary>
    public ValueTask<ChangeResult> DeleteLineAsync(ChatSession? by, string room, long sequence, long? epoch = null, CancellationToken cancellationToken = default) =>
        _bus.SubmitAsync(new LineDeleted(room, sequence, by?.Id, epoch), cancellationToken);

    /// <summary>The same, blocking until the line is deleted: for the host's synchronous <see cref="ChatServer.DeleteLine"/>.</summary>
    public ChangeResult DeleteLine(ChatSession? by, string room, long sequence, long? epoch = null) =>
        _bus.Submit(new LineDeleted(room, sequence, by?.Id, epoch));
}

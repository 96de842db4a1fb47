using System;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// What the chat does on its own rather than for a user: the once-a-second chores (folded
/// notices, empty rooms, expired bans and mutes) and the goodbye when the server stops.
/// </summary>
internal sealed class ChatUpkeep
{
    private readonly ChatServerOptions _options;
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServerLines _lines;

    public ChatUpkeep(ChatServerOptions options, ChatState state, IChatChangeBus bus, TimeProvider time, ILogger logger, ServerLines lines)
    {
        _options = options;
        _state = state;
        _bus = bus;
        _time = time;
        _logger = logger;
        _lines = lines;
    }

    /// <summary>Tells the joins and leaves crowded rooms held back this second; called once a second.</summary>
    public void FlushFoldedNotices()
    {
        foreach (var room in _state.Rooms.All())
        {
            if (!room.Folded.IsEmpty)
            {
                _bus.Submit(new NoticesFolded(room.Name));
            }
        }
    }

    /// <summary>Closes the rooms users opened that stayed empty for the grace period.</summary>
    public void CloseEmptyRooms()
    {
        var now = _time.GetUtcNow();
        foreach (var room in _state.Rooms.All())
        {
            if (!room.IsPermanent && room.EmptySince is { } since && now - since >= _options.EmptyRoomGracePeriod)
            {
                _bus.Submit(new RoomClosed(room.Name, since));
            }
        }
    }

    /// <summary>Forgets the bans and mutes that ran out; called once a second.</summary>
    public void SweepModeration()
    {
        if (_state.ModerationMayHaveExpired)
        {
            _bus.Submit(new ModerationSwept());
        }
    }

    /// <summary>From now on logins are refused; sessions stay until <see cref="Shutdown"/>.</summary>
    public void BeginShutdown() => _state.Close();

    /// <summary>Tells every room the server stops and ends every session; one failing step does not skip the rest.</summary>
    public void Shutdown()
    {
        _state.Close();
        foreach (var room in _state.Rooms.All())
        {
            ShutdownSteps.Run(_logger, () => _lines.PostNotice(room.Name, LocalText.Of(ServiceTexts.ShuttingDownGoodbye)));
        }

        foreach (var session in _state.Sessions.All().ToArray())
        {
            ShutdownSteps.Run(_logger, () => _bus.Submit(new SessionEnded(session.Id, ChatLeaveReason.ServerStopped, Announce: false)));
        }
    }
}

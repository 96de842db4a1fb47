using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Every log message of the server, with stable event ids. Never logs passwords, session ids or
/// message text above Debug. Text a user chose reaches a message as <see cref="LogText"/>, so it
/// can never break a line.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Chat server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(2, LogLevel.Information, "Chat server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(9, LogLevel.Warning, "Check the options: {Warning}")]
    public static partial void OptionsWarning(ILogger logger, string warning);

    [LoggerMessage(10, LogLevel.Debug, "Connection {ConnectionId}: bad request ({StatusCode}): {Reason}")]
    public static partial void BadRequest(ILogger logger, long connectionId, int statusCode, LogText reason);

    [LoggerMessage(11, LogLevel.Warning, "Connection {ConnectionId} from {Address} fell more than {MaxQueuedBytes} bytes behind and was disconnected")]
    public static partial void SlowReaderDisconnected(ILogger logger, long connectionId, IPAddress address, int maxQueuedBytes);

    [LoggerMessage(12, LogLevel.Warning, "Connection from {Address} refused: connection limit reached ({Skipped} more refused since the last report)")]
    public static partial void ConnectionRefused(ILogger logger, IPAddress address, int skipped);

    [LoggerMessage(13, LogLevel.Error, "Connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Accepting a connection failed ({Error}); trying again in {RetryMilliseconds} ms ({Skipped} more failures since the last report)")]
    public static partial void AcceptFailed(ILogger logger, System.Net.Sockets.SocketError error, double retryMilliseconds, int skipped, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "Admitting a connection failed; it was closed")]
    public static partial void AdmitFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Critical, "The listener stopped accepting connections")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "{UserName} joined {Room}")]
    public static partial void UserJoined(ILogger logger, LogText userName, LogText room);

    [LoggerMessage(21, LogLevel.Information, "{UserName} left {Room} ({Reason})")]
    public static partial void UserLeft(ILogger logger, LogText userName, LogText room, ChatLeaveReason reason);

    [LoggerMessage(22, LogLevel.Information, "Login refused for {UserName} from {Address} ({Skipped} more refused since the last report)")]
    public static partial void LoginRefused(ILogger logger, LogText userName, IPAddress address, int skipped);

    [LoggerMessage(65, LogLevel.Information, "The password hash of {UserName} was upgraded to {Iterations} iterations")]
    public static partial void PasswordHashUpgraded(ILogger logger, LogText userName, int iterations);

    [LoggerMessage(66, LogLevel.Warning, "Upgrading the password hash of {UserName} failed; the login went ahead and the next one tries again")]
    public static partial void PasswordHashUpgradeFailed(ILogger logger, LogText userName, Exception exception);

    [LoggerMessage(67, LogLevel.Warning, "Logins for {UserName} are locked for {Minutes} minutes after {Failures} failed attempts (lock {Lock} in a row); the last came from {Address}")]
    public static partial void LoginLockedOut(ILogger logger, LogText userName, double minutes, int failures, int @lock, IPAddress address);

    [LoggerMessage(68, LogLevel.Debug, "Login for {UserName} from {Address} refused: locked for {Remaining} more")]
    public static partial void LoginWhileLockedOut(ILogger logger, LogText userName, IPAddress address, TimeSpan remaining);

    [LoggerMessage(23, LogLevel.Debug, "{UserName} said {Length} characters in {Room}")]
    public static partial void MessagePosted(ILogger logger, LogText userName, LogText room, int length);

    /// <summary>An audit event of moderation: which line went, and who took it (null: the host).</summary>
    [LoggerMessage(28, LogLevel.Information, "Line {Sequence} of {Room} was deleted by {DeletedBy}")]
    public static partial void LineDeleted(ILogger logger, LogText room, long sequence, LogText deletedBy);

    [LoggerMessage(40, LogLevel.Information, "Room {Room} opened by {Owner}")]
    public static partial void RoomOpened(ILogger logger, LogText room, LogText owner);

    [LoggerMessage(41, LogLevel.Information, "Room {Room} closed ({Reason})")]
    public static partial void RoomClosed(ILogger logger, LogText room, LogText reason);

    [LoggerMessage(42, LogLevel.Information, "{UserName} went from {FromRoom} to {Room}")]
    public static partial void UserMoved(ILogger logger, LogText userName, LogText fromRoom, LogText room);

    [LoggerMessage(75, LogLevel.Information, "{Actor} did {Action} on {Target} in {Room}, until {Until}: {Reason}")]
    public static partial void Moderated(ILogger logger, LogText actor, ChatModerationAction action, LogText target, LogText room, DateTimeOffset? until, LogText reason);

    [LoggerMessage(76, LogLevel.Warning, "{Actor} ({Role}) was refused {Action} on {Target} in {Room}")]
    public static partial void ModerationRefused(ILogger logger, LogText actor, ChatRole role, ChatModerationAction action, LogText target, LogText room);

    [LoggerMessage(30, LogLevel.Error, "Decision hook {Hook} failed; the request was refused")]
    public static partial void HookFailed(ILogger logger, string hook, Exception? exception);

    [LoggerMessage(31, LogLevel.Warning, "Decision hook {Hook} took longer than {Timeout}; the request was refused")]
    public static partial void HookTimedOut(ILogger logger, string hook, TimeSpan timeout);

    [LoggerMessage(32, LogLevel.Error, "A {Event} event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(960, LogLevel.Warning, "Dropped {Count} host events, the oldest waiting, because the event handlers fell behind ({Waiting} waiting now; see ChatServerLimits.MaxQueuedHostEvents)")]
    public static partial void HostEventsDropped(ILogger logger, long count, int waiting);

    [LoggerMessage(33, LogLevel.Error, "The page renderer failed")]
    public static partial void RendererFailed(ILogger logger, Exception exception);

    [LoggerMessage(35, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(36, LogLevel.Error, "Ending a chat stream or notifying a listener after a chat change failed")]
    public static partial void AfterChangeFailed(ILogger logger, Exception exception);

    [LoggerMessage(37, LogLevel.Error, "A step of stopping the server failed; the stop goes on")]
    public static partial void ShutdownStepFailed(ILogger logger, Exception exception);

    [LoggerMessage(70, LogLevel.Information, "{UserName} registered from {RemoteAddress}")]
    public static partial void UserRegistered(ILogger logger, LogText userName, IPAddress remoteAddress);

    [LoggerMessage(71, LogLevel.Information, "{UserName} changed their password; their other sessions ended")]
    public static partial void PasswordChanged(ILogger logger, LogText userName);

    [LoggerMessage(72, LogLevel.Warning, "A password change for {UserName} from {RemoteAddress} was refused: wrong current password")]
    public static partial void PasswordChangeRefused(ILogger logger, LogText userName, IPAddress remoteAddress);

    [LoggerMessage(73, LogLevel.Information, "{UserName} logged in again from {RemoteAddress}; the older session from {EndedAddress} ended")]
    public static partial void SessionTakenOver(ILogger logger, string userName, IPAddress remoteAddress, IPAddress endedAddress);

    [LoggerMessage(78, LogLevel.Information, "A request to {Path} for the session of {UserName} came without the session's browser cookie and was refused ({Skipped} more refused since the last report)")]
    public static partial void SessionCookieMissing(ILogger logger, string path, string userName, int skipped);

    [LoggerMessage(34, LogLevel.Error, "Housekeeping failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(85, LogLevel.Warning, "The account journal {Path} ended in a line cut short ({Bytes} bytes), most likely by a crash while a change was written; that change was never acknowledged and is dropped")]
    public static partial void UserJournalTornLine(ILogger logger, string path, long bytes);

    [LoggerMessage(86, LogLevel.Warning, "Folding the account journal into {Path} failed; the journal keeps every change and is folded again later")]
    public static partial void UserJournalCompactionFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(90, LogLevel.Warning, "Refused a client of {Address}: {Limit} reached ({Skipped} more refused by per-address limits since the last report)")]
    public static partial void AddressBudgetReached(ILogger logger, string limit, string address, int skipped);

    [LoggerMessage(91, LogLevel.Warning, "Refused a client: {Limit}, a budget of every client together, reached ({Skipped} more refused by it since the last report)")]
    public static partial void ServerBudgetReached(ILogger logger, string limit, int skipped);

    [LoggerMessage(95, LogLevel.Debug, "TLS handshake from {Address} failed: {Reason} ({Skipped} more failed since the last report)")]
    public static partial void TlsHandshakeFailed(ILogger logger, IPAddress address, LogText reason, int skipped);

    [LoggerMessage(96, LogLevel.Information, "Redirecting plain HTTP on {EndPoint} to HTTPS")]
    public static partial void RedirectListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(140, LogLevel.Error, "A chat stream of {UserName} failed to take a line and was closed; every other reader got it ({Skipped} more since the last report)")]
    public static partial void ReaderFailed(ILogger logger, string userName, int skipped, Exception exception);

    [LoggerMessage(150, LogLevel.Debug, "A WebSocket was closed with {CloseCode}: {Reason}")]
    public static partial void WebSocketClosedOnError(ILogger logger, int closeCode, string reason);

    [LoggerMessage(151, LogLevel.Error, "Handling a WebSocket message failed; the connection was closed with 1011")]
    public static partial void WebSocketHandlerFailed(ILogger logger, Exception exception);
    [LoggerMessage(160, LogLevel.Warning, "The chat's backplane cannot be reached; the change was refused ({Skipped} more refused since the last report): {Reason}")]
    public static partial void BackplaneUnavailable(ILogger logger, int skipped, string reason);

    [LoggerMessage(161, LogLevel.Error, "Reading the chat's changes from the backplane failed; reading again from where it stopped")]
    public static partial void BackplaneReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(162, LogLevel.Error, "Change {Position} from the backplane cannot be read; every node skips it")]
    public static partial void ChangeUnreadable(ILogger logger, long position, Exception exception);

    [LoggerMessage(166, LogLevel.Error, "Applying change {Position} from the backplane failed; every node read on")]
    public static partial void ChangeFailed(ILogger logger, long position, Exception exception);

    [LoggerMessage(163, LogLevel.Warning, "Telling the other nodes of this node's streams failed; telling them again later")]
    public static partial void PresenceReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(164, LogLevel.Warning, "Node {Node} stopped telling the chat it is alive; its users leave unless they come back through another node")]
    public static partial void NodeLost(ILogger logger, string node);

    [LoggerMessage(165, LogLevel.Information, "Joined the chat as node {Node}; {Changes} changes read to catch up")]
    public static partial void NodeJoined(ILogger logger, string node, long changes);
}

using System;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Infrastructure;
using PushChat.Users;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The words a user gets when a host hook (authenticator, user store, filter) did not answer:
/// it took too long, the server is stopping, or it failed. Timeouts and failures are logged with
/// the hook's type, never with what the user sent.
/// </summary>
internal sealed class HookRefusals
{
    /// <summary>The answer to a request the stopping server no longer serves.</summary>
    public const string ShuttingDown = "The chat server is shutting down. Please come back later.";

    private readonly ILogger _logger;
    private readonly TimeSpan _hookTimeout;

    public HookRefusals(ILogger logger, TimeSpan hookTimeout)
    {
        _logger = logger;
        _hookTimeout = hookTimeout;
    }

    /// <summary>The refusal for <paramref name="action"/> when <paramref name="hook"/> ended as <paramref name="end"/>.</summary>
    public string For(HookEnd end, Exception? error, string action, object hook)
    {
        switch (end)
        {
            case HookEnd.TimedOut:
                Log.HookTimedOut(_logger, hook.GetType().Name, _hookTimeout);
                return $"{action} took too long. Please try again.";
            case HookEnd.ServerStopping:
                return ShuttingDown;
            default:
                Log.HookFailed(_logger, hook.GetType().Name, error);
                return hook switch
                {
                    IAuthenticator => "Logging in is not possible right now. Please try again later.",
                    IUserStore => $"{action} is not possible right now. Please try again later.",
                    _ => "Your message could not be checked right now. Please send it again.",
                };
        }
    }
}

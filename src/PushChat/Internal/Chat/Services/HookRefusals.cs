using System;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Infrastructure;
using PushChat.Users;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The words a user gets when a host hook (authenticator, user store, filter) did not answer:
/// it took too long, the server is stopping, or it failed. Timeouts and failures are logged with
/// the hook's type, never with what the user sent.
/// </summary>
internal sealed class HookRefusals
{
    /// <summary>The answer to a request the stopping server no longer serves.</summary>
    public static LocalText ShuttingDown => LocalText.Of(ServiceTexts.ShuttingDown);

    private readonly ILogger _logger;
    private readonly TimeSpan _hookTimeout;

    public HookRefusals(ILogger logger, TimeSpan hookTimeout)
    {
        _logger = logger;
        _hookTimeout = hookTimeout;
    }

    /// <summary>The refusal for <paramref name="action"/> (a key of <see cref="ServiceTexts"/>' "doing" texts) when <paramref name="hook"/> ended as <paramref name="end"/>.</summary>
    public LocalText For(HookEnd end, Exception? error, string action, object hook)
    {
        switch (end)
        {
            case HookEnd.TimedOut:
                Log.HookTimedOut(_logger, hook.GetType().Name, _hookTimeout);
                return LocalText.Of(ServiceTexts.HookTookTooLong, ("action", LocalText.Of(action)));
            case HookEnd.ServerStopping:
                return ShuttingDown;
            default:
                Log.HookFailed(_logger, hook.GetType().Name, error);
                return hook switch
                {
                    IAuthenticator => LocalText.Of(ServiceTexts.LoginUnavailable),
                    IUserStore => LocalText.Of(ServiceTexts.HookUnavailable, ("action", LocalText.Of(action))),
                    _ => LocalText.Of(ServiceTexts.MessageUnchecked),
                };
        }
    }
}

using System;
using System.Collections.Generic;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Extension points registered in a dependency injection container. What the options set in code
/// wins: these only fill the gaps, and registered filters run after the options' filters.
/// </summary>
internal sealed class RegisteredPlugIns
{
    private readonly IAuthenticator? _authenticator;
    private readonly IUserStore? _userStore;
    private readonly IPageRenderer? _pageRenderer;
    private readonly IReadOnlyList<IMessageFilter> _messageFilters;

    public RegisteredPlugIns(IAuthenticator? authenticator, IUserStore? userStore, IPageRenderer? pageRenderer, IEnumerable<IMessageFilter> messageFilters)
    {
        _authenticator = authenticator;
        _userStore = userStore;
        _pageRenderer = pageRenderer;
        _messageFilters = new List<IMessageFilter>(messageFilters ?? throw new ArgumentNullException(nameof(messageFilters)));
    }

    /// <summary>Fills the gaps of a snapshot taken at start; the host's own options object is not touched.</summary>
    public void ApplyTo(ChatServerOptions snapshot)
    {
        snapshot.Authenticator ??= _authenticator;
        snapshot.UserStore ??= _userStore;
        snapshot.PageRenderer ??= _pageRenderer;
        foreach (var filter in _messageFilters)
        {
            snapshot.MessageFilters.Add(filter);
        }
    }
}

using System;
using PushChat;
using PushChat.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs a <see cref="ChatServer"/> as a hosted service of the .NET generic host.</summary>
public static class PushChatHostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chat server as <c>AddPushChat</c> does, and a hosted service that starts it
    /// with the host and stops it gracefully when the host shuts down (Ctrl+C, SIGTERM), within
    /// the host's shutdown timeout.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Sets options in code; may be left out when they are configured elsewhere, e.g. <c>Configure&lt;ChatServerOptions&gt;(configuration.GetSection("Chat"))</c>.</param>
    /// <returns>The same container, for chaining.</returns>
    public static IServiceCollection AddHostedPushChat(this IServiceCollection services, Action<ChatServerOptions>? configure = null)
    {
        services.AddPushChat(configure);
        services.AddHostedService(provider => new ChatServerHostedService(provider.GetRequiredService<ChatServer>()));
        return services;
    }
}

using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushChat;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Internal.Infrastructure;
using PushChat.Rendering;
using PushChat.Users;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="ChatServer"/> in a dependency injection container.</summary>
public static class PushChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChatServer"/> as a singleton, its <see cref="ChatServerOptions"/> and
    /// their validator (so <c>AddOptions&lt;ChatServerOptions&gt;().ValidateOnStart()</c> lists
    /// every problem). Extension points the options leave unset are taken from the container:
    /// <see cref="IAuthenticator"/>, <see cref="IUserStore"/> and <see cref="IPageRenderer"/>;
    /// registered <see cref="IMessageFilter"/>s run after the options' filters. The server also
    /// takes the container's <see cref="ILoggerFactory"/> and, when registered, its
    /// <see cref="TimeProvider"/> and <see cref="IMeterFactory"/>. The server does not start by itself: call
    /// <see cref="ChatServer.StartAsync"/>, or use the hosted service of the PushChat.Hosting package.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Sets options in code; may be left out when they are configured elsewhere, e.g. <c>Configure&lt;ChatServerOptions&gt;(configuration.GetSection("Chat"))</c>.</param>
    /// <returns>The same container, for chaining.</returns>
    public static IServiceCollection AddPushChat(this IServiceCollection services, Action<ChatServerOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = services.AddOptions<ChatServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatServerOptions>, ChatServerOptionsValidator>());
        services.TryAddSingleton(CreateServer);
        return services;
    }

    private static ChatServer CreateServer(IServiceProvider services) =>
        new(
            services.GetRequiredService<IOptions<ChatServerOptions>>().Value,
            services.GetService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            new RegisteredPlugIns(
                services.GetService<IAuthenticator>(),
                services.GetService<IUserStore>(),
                services.GetService<IPageRenderer>(),
                services.GetServices<IMessageFilter>()),
            services.GetService<IMeterFactory>());
}

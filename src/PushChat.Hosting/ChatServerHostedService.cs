using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace PushChat.Hosting;

/// <summary>
/// Runs the container's <see cref="ChatServer"/> for the lifetime of the host. Stopping honours
/// the host's token, so the host's shutdown timeout cuts the graceful wait short.
/// </summary>
internal sealed class ChatServerHostedService : IHostedService
{
    private readonly ChatServer _server;

    public ChatServerHostedService(ChatServer server) => _server = server;

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);
}
